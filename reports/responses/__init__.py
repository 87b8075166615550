"""The comment–response table in the ministry's own three-column layout."""
