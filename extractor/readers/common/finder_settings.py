"""Settings of the table finder over positioned words, as data.

One frozen dataclass, validated when it is made; ``DEFAULT_FINDER_SETTINGS``
is what every reader uses unless it is given other settings. Lengths are in
grid units: characters of layout text, character widths of a PDF page.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class FinderSettings:
    """Thresholds of the table finder (see the modules of ``extractor.readers.common``)."""

    #: a line needs this many fragments to seed a table region
    seed_min_fragments: int = 3
    #: a table needs at least this many columns
    min_columns: int = 3
    #: a region giving more columns than this is not a table (noise guard)
    max_columns: int = 60
    #: full lines whose text must start at an x to make it a column edge inside a core
    edge_min_starts: int = 2
    #: how far (characters) pdftotext may shift text printed one space after other text
    edge_jitter: int = 2
    #: column edges tried per core (the most frequent text starts first)
    max_edge_candidates: int = 16
    #: a line running through a column edge must have a word starting this close before it
    edge_word_slack: int = 3
    #: ... except this share (of the lines whose text starts at the edge) of lines running through it
    #: with no such word: cells merged over the two columns
    edge_merged_share: float = 0.2
    #: a line with at least this share of the largest fragment count is a "full" line (row start)
    full_line_ratio: float = 0.6
    #: a header fragment wider than this share of the table width is running text
    paragraph_width_ratio: float = 0.6
    #: a lone header line crossing gutters is a spanning cell only if it covers this share of its columns
    span_min_coverage: float = 0.75
    #: ... and its centre is off the columns' centre by at most this share of their width
    span_max_offcentre: float = 0.1
    #: rounds of extending a region downwards, re-measuring its columns in between
    extend_rounds: int = 3
    #: a group heading's centre lies within this share of the table width from the table's centre
    heading_centre_slack: float = 0.25
    #: a lone line in a number column centred this close (share of width) on the table is a group heading
    heading_tight_centre: float = 0.04
    #: group-heading lines a table may carry between two of its parts
    max_heading_lines: int = 2
    #: blank lines a table may contain between two of its parts
    max_blank_lines_in_table: int = 2
    #: header zone height limit (lines) and size limit (pieces)
    max_header_lines: int = 40
    max_header_pieces: int = 400
    #: a spanning header cell's wrapped line may stand this many lines below the previous one
    span_continuation_gap: int = 2
    #: columns that must start new text at once to open a new row
    min_resumed_columns: int = 2
    #: share of bridging lines without values (not total rows) above which a region is not a table
    max_bridging_share: float = 0.34
    #: share of a column's body texts starting (ending) at one x that makes it flush left (right)
    aligned_share: float = 0.8
    #: share of ordinals in the first column that makes it the key column
    key_column_ordinal_share: float = 0.6
    #: a gap of this many spaces inside a paragraph line becomes a TAB
    tab_gap: int = 6
    #: a paragraph line ending this close to the right margin (share of width) is "full"
    full_paragraph_line_slack: float = 0.12
    #: a header word-overlap ratio at or above this means "the same header" (``common.join``: tables with and
    #: without rules crossing a page break)
    header_match_ratio: float = 0.8
    #: the grid: a gap of at least this many character widths between two words separates fragments
    fragment_gap: float = 1.2
    #: the grid: printed lines further apart than this many line pitches get a blank grid line between
    blank_line_pitch: float = 1.6
    #: the grid: most blank grid lines put between two printed lines
    max_blank_lines: int = 3
    # word geometry (``gutters``): lengths in text heights (the median height of a page's words)
    #: words closer than this on a line are one block (a word space)
    geo_join_gap: float = 0.45
    #: ... or up to this, in a font whose word space is wider
    geo_max_join_gap: float = 0.7
    #: column cores closer than this merge (a gutter is wider)
    geo_min_gutter: float = 0.45
    #: body lines stand at most this many line pitches below the line before
    geo_max_row_gap: float = 3.0
    #: header lines stand at most this many line pitches above the line below
    geo_header_gap: float = 1.8
    #: header text may stand out of the body's outer columns by this much (wider than their values)
    geo_header_overhang: float = 1.5
    #: a lone line over a header, set this many times taller than the header, is a title
    geo_title_height: float = 1.25
    #: rows printed bare under a ruled header may stand this many line heights apart when the row after the
    #: gap opens with an item number in the first column (a spreadsheet's tall rows)
    numbered_row_gap: float = 10.0
    #: header lines are numbered in steps of this many header text heights (one printed line)
    geo_header_pitch: float = 1.17
    #: a block joins words up to this many word spaces apart (the line's narrowest gaps, median over the page)
    geo_word_space_margin: float = 1.3
    #: a line of at least this many word spaces, all alike within ``justified_gap_spread`` text heights,
    #: is justified running text (no table row)
    justified_min_gaps: int = 4
    justified_gap_spread: float = 0.05
    # words on known columns (``words.column_lines``), lengths in points
    #: a word must reach this far over a column boundary on each side to be printed across it
    edge_straddle: float = 1.0
    #: a word space there is at most this many times the usual narrowest gap of a line
    grid_word_space_margin: float = 1.5
    # PDF pages (``readers.unruled``)
    #: a PDF with no ruled table is looked at only with at least this many words
    unruled_min_words: int = 6
    #: a found table's column edges within this share of the narrowest column of the table on the page
    #: before are the same edges (one table going on)
    same_edges_share: float = 0.3
    #: rule-less rows under a ruled table stand at most this many line heights apart
    unruled_body_gap: float = 1.5
    #: ... or this many, when the line after the gap fills several cells (a new row after empty paragraphs)
    unruled_row_gap: float = 4.0
    #: points a rule-less row may stand out of the ruled table's edges
    edge_slack: float = 2.0
    # tables without rules over page breaks (``gutters``, ``readers.unruled``)
    #: text heights of blank space between a column's header text and the rest of a row a page break cut,
    #: printed under the repeated header in the same column
    geo_cut_row_gap: float = 0.8
    #: text heights by which rows printed without borders stand further apart than the lines inside a row
    #: (cell padding) for a lone line standing that far under the line above to open a row
    row_gap_excess: float = 0.15
    #: numbered rows (1., 2., ...) of a label and a value, with no header, that make a table (a passport)
    numbered_list_min_rows: int = 3
    # layout text and headers of narrow columns (``words``, ``broken_words``)
    #: a unit printed one space before amounts ("тис. грн 1 028,3") has at most this many characters
    unit_before_amounts_letters: int = 10
    #: a header word a narrow cell broke ("Планов") stands for a column name's first word with at least this
    #: many letters
    broken_word_min_letters: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{f.name} must be a number, not {value!r}")
            if value < 0:
                raise ValueError(f"{f.name} must not be negative")
        for name in ("full_line_ratio", "paragraph_width_ratio", "span_min_coverage", "span_max_offcentre",
                     "heading_centre_slack", "heading_tight_centre", "max_bridging_share", "aligned_share",
                     "key_column_ordinal_share", "full_paragraph_line_slack", "header_match_ratio",
                     "edge_merged_share", "same_edges_share"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"{name} is a share and must lie in (0, 1]")
        if not 2 <= self.min_columns <= self.max_columns:
            raise ValueError("columns: 2 <= min_columns <= max_columns")
        if self.seed_min_fragments < 2:
            raise ValueError("seed_min_fragments must be at least 2")
        for name in ("extend_rounds", "max_header_lines", "max_header_pieces", "max_edge_candidates", "edge_min_starts"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("geo_join_gap", "geo_min_gutter", "geo_max_row_gap", "geo_header_gap", "geo_title_height",
                     "numbered_row_gap",
                     "geo_header_pitch", "geo_header_overhang", "geo_max_join_gap"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("geo_word_space_margin", "grid_word_space_margin", "unruled_body_gap"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.justified_min_gaps < 2:
            raise ValueError("justified_min_gaps must be at least 2")
        if self.unruled_row_gap < self.unruled_body_gap:
            raise ValueError("unruled_row_gap must not be smaller than unruled_body_gap")
        if self.fragment_gap <= 1 or self.blank_line_pitch <= 1:
            raise ValueError("fragment_gap and blank_line_pitch must be greater than 1")


DEFAULT_FINDER_SETTINGS = FinderSettings()
