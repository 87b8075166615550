"""Review: people correct what the machine got wrong, and the correction outlives reloads.

`identity` says which opinion a decision belongs to, `decisions` records and applies
overrides, `reattach` finds their opinions again after a reload, `queue` lists what
awaits a person, `workbook` carries the queue through Excel, `transfer` moves a
round's decisions to and from a file.
"""
