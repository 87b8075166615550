"""Personal data in comments: found (`detect`), stored and decided (`store_findings`), masked in
everything published (`masking`; the submitter column, file names and review marks: `published`), shown
to an editor in context, a campaign's copies as one (`grouped`). The original text is never changed:
masks are derived."""
