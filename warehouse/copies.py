"""Syndicated copies: the same text on two portals. Which of a set of copies (articles with one
``body_sha1``) is the original: the one that credits no other source, then the earliest
published, then the first extracted. ``load.link_duplicates`` writes it into ``duplicate_of``;
the search index (``fulltext``) applies it directly, so it never depends on whether the links
were written yet."""
ORIGINAL_FIRST = "(credited_source IS NOT NULL), published NULLS LAST, extracted_at, article_id"

# the ids of the originals (the window reads ids and ordering columns only)
ORIGINALS = f"""SELECT article_id FROM (SELECT article_id, first_value(article_id) OVER
                                            (PARTITION BY body_sha1 ORDER BY {ORIGINAL_FIRST}) AS original
                                        FROM articles)
               WHERE original = article_id"""
