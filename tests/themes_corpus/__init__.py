"""An invented raw consultation with gold themes (GOLD.md) for measuring theme suggestion."""
