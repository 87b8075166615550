"""Review: people correct what the machine got wrong, and the correction outlives reloads.

`identity` says which opinion a decision belongs to, `decisions` applies overrides and
`record` records many at once (`decide`), `reattach` finds their opinions again after a reload, `queue` lists what
awaits a person, `workbook` carries the queue through Excel, `transfer` moves a
round's decisions to and from a file, `check` says what in the store needs a person's eye.
"""
