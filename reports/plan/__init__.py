"""The next-revision plan: a ledger of requests answered noted or declined, ranked."""
