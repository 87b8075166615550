"""Personal data in comments: found (`detect`), stored and decided (`store_findings`), masked in
everything published (`masking`). The original text is never changed: masks are derived."""
