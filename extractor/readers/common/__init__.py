"""What several readers need, in one place.

Tables printed without rules, from their words' real geometry (PDF points,
OCR pixels): ``gutters.find_gutter_tables`` (columns and header cells with
their boxes; the rows are read by ``rows.body_rows`` on those columns).

The table finder over positioned words (tables whose cells are not drawn:
PDF pages without rules, layout text, OCR words): ``words`` (the input and the
character grid), ``columns``, ``regions``, ``header``, ``rows`` (its steps)
and ``assemble`` (pages → paragraphs and tables), with its settings in
``finder_settings``.
"""
