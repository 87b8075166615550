"""The next-revision plan: a ledger of requests answered noted or declined, ranked."""

NO_TOPIC = "(none)"  # the group of opinions no topic tags; views word it
NO_SUCCESSOR = "(no successor)"  # after a section key: it has none in the planned revision; views word it
STATUSES = ("open", "addressed", "dropped")
