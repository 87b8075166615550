"""The next-revision plan: a ledger of requests answered noted or declined, ranked."""

NO_TOPIC = "(none)"
STATUSES = ("open", "addressed", "dropped")
