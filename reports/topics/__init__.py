"""Topic report: what keeps coming back, where, from whom, and how it was answered."""
