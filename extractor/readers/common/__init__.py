"""What several readers need, in one place.

The table finder over positioned words (tables whose cells are not drawn:
PDF pages without rules, layout text, OCR words): ``words`` (the input and the
character grid), ``columns``, ``regions``, ``header``, ``rows`` (its steps)
and ``assemble`` (pages → paragraphs and tables), with its settings in
``finder_settings``.
"""
