"""The registry of lexicons: every data file in `dxkg/data/`, declared once.

A `Table` names a data file and its columns; `table(name)` gives its rows as
small frozen dataclasses whose fields are the columns (`row.english`), so no
code addresses a cell by its position. A column is text unless its name says
otherwise: `power:int` is a whole number, `aliases:list` holds values
separated by "|", `fallback:flag` is "yes" or empty.

Files are UTF-8, one row a line, tab-separated; a line starting with `#` is a
comment. Every cell is normalised (text.normalize) so that lookups in
normalised text match. A row with more cells than the table declares, a file
whose header disagrees with its declaration, or a table nobody declared is an
error when it is first read: the data and the code cannot drift apart quietly.

Nothing else reads `dxkg/data/`: code asks for a table by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from functools import cache
from importlib.resources import files

from ..lang.text import normalize

_TYPES = {"str": str, "int": int, "list": tuple, "flag": bool}


@dataclass(frozen=True)
class Table:
    name: str  # how code asks for it: table("roles")
    file: str  # in dxkg/data/
    columns: tuple[str, ...]  # "name" or "name:type", type one of str, int, list, flag
    about: str
    row: str = ""  # the class name of its rows; by default the table's name in CamelCase
    header: bool = False  # the file's first line names its columns (checked against `columns`)
    fields: tuple[tuple[str, str], ...] = field(init=False, repr=False)

    def __post_init__(self):
        specs = tuple((c.split(":") + ["str"])[:2] for c in self.columns)
        for name, kind in specs:
            if kind not in _TYPES:
                raise ValueError(f"table {self.name}: column {name} has unknown type {kind}")
        object.__setattr__(self, "fields", tuple((n, k) for n, k in specs))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.fields)


TABLES: dict[str, Table] = {t.name: t for t in (
    # ---------------------------------------------------------------- places and people
    Table("provinces", "provinces.tsv", ("id", "name", "code", "era", "kind", "successor", "aliases:list",
                                         "valid_from", "valid_until"),
          "the gazetteer: provinces and centrally-run cities before (63) and after (34) the 2025 merger",
          row="Province", header=True),
    Table("wikidata", "wikidata.tsv", ("id", "qid", "wikidata_label_en", "denotes", "sources"),
          "the Wikidata item of each unit of the gazetteer (CC0), with where it was read: see docs/wikidata.md",
          row="WikidataItem", header=True),
    Table("unit_kinds", "unit_kinds.tsv", ("kind", "party_committee"),
          "kinds of province-level unit and the name of their party committee (Tỉnh ủy, Thành ủy)",
          row="UnitKind"),
    Table("local_units", "local_units.txt", ("word",),
          "kinds of unit below the province, written before their name (huyện, xã, phường)", row="LocalUnit"),
    Table("surnames", "surnames.txt", ("surname",), "Vietnamese family names: a person's name starts with one",
          row="Surname"),
    Table("not_persons", "not_persons.txt", ("name",),
          "capitalised word groups that start with a family name but are places, countries or things",
          row="NotPerson"),
    Table("honorifics", "honorifics.txt", ("word",), "words standing before a name that are not part of it",
          row="Honorific"),
    Table("address_words", "address_words.txt", ("word",),
          "words of address that show the capitalised pair after them is a person, in any case", row="AddressWord"),
    Table("name_leaders", "name_leaders.txt", ("word",),
          "capitalised words that can open a run of capitals before a name without being part of it",
          row="NameLeader"),
    Table("name_contexts", "name_contexts.txt", ("word",),
          "words before a name showing it is inside the name of a school, a street, a prize, a place",
          row="NameContext"),
    Table("shared_posts", "shared_posts.txt", ("word",),
          "posts several people hold at once (the post, or the word it starts with): no one succeeds anyone in them",
          row="SharedPost"),
    Table("roles", "roles.tsv", ("label", "english", "implied_org", "shared_head", "place_org",
                                   "committee_post:flag"),
          "posts as news writes them, with the organization a post implies, the head it shares, the body a "
          "place after it stands for, and whether it is a post in a committee", row="Role"),
    # ---------------------------------------------------------------- organizations
    Table("organizations", "organizations.tsv", ("head", "kind", "english", "scope"),
          "heads of organization names, their kind, and whether a province completes them", row="OrgHead"),
    Table("org_kinds", "org_kinds.tsv", ("kind", "parent"),
          "kinds of organization whose label shows the body they belong to, and how", row="OrgKind"),
    Table("abbreviations", "abbreviations.tsv", ("short", "full"), "short forms of organization words",
          row="Abbreviation"),
    Table("fields", "fields.txt", ("field",), "fields that name departments and ministries, canonical spelling",
          row="Field"),
    Table("steering_topics", "steering_topics.tsv", ("topic", "acronyms:list"),
          "canonical topics of steering committees, spelled out, and acronyms that stand for a whole topic",
          row="SteeringTopic"),
    Table("topic_terms", "topic_terms.txt", ("word",),
          "words that say an article is about digital transformation (the relevance check of a build)",
          row="TopicTerm"),
    Table("topic_words", "topic_words.tsv", ("short", "full"),
          "short forms of the words of a steering committee's topic, spelled out", row="TopicWord"),
    Table("topic_stops", "topic_stops.txt", ("word",),
          "words that end a steering committee's topic (verbs, the level or place after it)", row="TopicStop"),
    Table("outlets", "outlets.tsv", ("printed", "outlet", "province"),
          "news outlets as datelines and sources print them, and the province each serves (empty: national)",
          row="Outlet"),
    # ---------------------------------------------------------------- documents
    Table("document_types", "document_types.tsv", ("label", "english", "code", "unnumbered:flag"),
          "types of legal document, their code in symbols, and whether a name without number can be one",
          row="DocType"),
    Table("issuers", "issuers.tsv", ("code", "issuer", "scope"), "issuer codes in document symbols", row="Issuer"),
    Table("subject_stops", "subject_stops.txt", ("word",),
          "verbs and clause openers that end the subject of a document reference", row="SubjectStop"),
    Table("document_relations", "document_relations.tsv", ("word", "relation", "where"),
          "words that relate a document to another: carries out, pursuant to, amends, replaces",
          row="DocumentRelation"),
    Table("document_verbs", "document_verbs.txt", ("word",),
          "verbs before a document type that say the text names one document", row="DocumentVerb"),
    # ---------------------------------------------------------------- platforms
    Table("platforms", "platforms.tsv", ("head", "capital_only:flag", "named_only:flag"), "heads of platform names",
          row="PlatformHead"),
    Table("platform_names", "platform_names.txt", ("name", "scope"), "platforms known by a short name",
          row="PlatformName"),
    Table("generic_platforms", "generic_platforms.txt", ("name",), "names too generic to be one platform",
          row="GenericPlatform"),
    Table("platform_stops", "platform_stops.txt", ("word", "clause"), "words that end a platform's name",
          row="PlatformStop"),
    Table("plural_markers", "plural_markers.txt", ("word",),
          "words before a platform head that make the phrase plural or generic", row="PluralMarker"),
    Table("url_labels", "url_labels.txt", ("word",), "words that introduce a platform's address",
          row="UrlLabel"),
    # ---------------------------------------------------------------- events
    Table("events", "events.tsv", ("label", "english", "form", "kind"),
          "kinds of event news reports: nouns, weak nouns and the verbs that report one", row="EventKind"),
    Table("event_label_words", "event_label_words.tsv", ("word", "role"),
          "words that end an event's label (stop), are dropped from its end (tail), make an event noun part of a place "
          "(venue), or say the article reports the meeting it names (report)", row="EventLabelWord"),
    Table("venue_words", "venue_words.txt", ("word",), "words that open the place of an event after \"tại\"",
          row="VenueWord"),
    # ---------------------------------------------------------------- figures
    Table("units", "units.tsv", ("written", "unit"), "what is counted: as written, canonical unit label", row="Unit"),
    Table("scales", "scales.tsv", ("word", "power:int"), "number words that scale a figure: a power of ten",
          row="Scale"),
    Table("measures", "measures.tsv", ("label", "english", "pattern"),
          "known indicators for values that are not rankings", row="Measure"),
    Table("indicators", "indicators.tsv", ("label", "english", "pattern", "fallback:flag", "pillar:flag",
                                                "since"),
          "known rankings; the fallback is the ranking a rank means when neither its clause nor the article "
          "before it names one; a pillar is part of the fallback index; since = its first edition",
          row="Indicator"),
    Table("canonical_indicators", "canonical_indicators.tsv",
          ("code", "broader", "unit", "label", "english", "source", "publisher"),
          "the canonical indicators of digital transformation: a concept scheme, each with the document defining it",
          row="CanonicalIndicatorRow"),
    Table("indicator_links", "indicator_links.tsv", ("pattern", "counts", "code", "match"),
          "which canonical indicator an observation's own indicator measures, exactly or as a part of it",
          row="IndicatorLink"),
    Table("reference_documents", "reference_documents.tsv", ("notation", "kind", "label", "issuer", "date",
                                                             "known_as:list"),
          "national documents that define the canonical indicators", row="ReferenceDocument"),
    Table("status_words", "status_words.tsv", ("word", "status"),
          "words that make a figure a target, an achieved value, or a value as of now", row="StatusWord"),
    Table("qualifiers", "qualifiers.txt", ("word",), "words before a figure that qualify it (\"hơn\", \"khoảng\")",
          row="Qualifier"),
    Table("rank_words", "rank_words.tsv", ("word", "marks"),
          "words that make a number a rank, or say first place, or a top-N group", row="RankWord"),
    Table("national_words", "national_words.tsv", ("word", "kind"),
          "words that make a figure the country's or the ministries', not a province's", row="NationalWord"),
    Table("phrase_cues", "phrase_cues.tsv", ("word", "kind"),
          "words that shape a figure's phrase: levels, what was done, shares of a count, a region", row="PhraseCue"),
    Table("regions", "regions.tsv", ("name", "english"),
          "regions a province is ranked within (\"xếp thứ 5 khu vực Tây Nguyên\")", row="Region"),
    Table("number_words", "number_words.tsv", ("word", "value:int"),
          "numbers written as words in ranks and small groups (\"đứng thứ hai\")", row="NumberWord"),
    Table("not_quantity", "not_quantity.tsv", ("word", "side"),
          "words beside a number that make it a label, a time or an age, not a quantity", row="NotQuantity"),
    Table("link_words", "link_words.tsv", ("word", "kind"),
          "verbs (and qualifiers after them) linking a figure to the subject it measures", row="LinkWord"),
    Table("figure_fillers", "figure_fillers.txt", ("word",),
          "words left out of an indicator's label", row="FigureFiller"),
    Table("dangling_words", "dangling_words.txt", ("word",),
          "words that end a subject phrase only because the next figure follows", row="DanglingWord"),
    Table("rate_holders", "rate_holders.tsv", ("word", "where"),
          "words of a percentage's phrase that say who reached it, not what it measures", row="RateHolder"),
    Table("not_counted", "not_counted.txt", ("word",),
          "words after a number that are not what it counts", row="NotCounted"),
    # ---------------------------------------------------------------- cleaning
    Table("furniture", "furniture.tsv", ("kind", "pattern"), "page furniture: kind and whole-line regex"),
    Table("date_words", "date_words.txt", ("word",), "words a printed date stamp holds besides the date",
          row="DateWord"),
    Table("widget_words", "widget_words.tsv", ("kind", "words"),
          "words of page widgets, menus and portal tools (start, label, alone)", row="WidgetWord"),
    Table("date_cues", "date_cues.tsv", ("kind", "pattern"), "words that date an article without printing its date",
          row="DateCue"),
    Table("display", "display.tsv", ("name", "vi", "en"),
          "words the graph shows people (a scheme's label, a status), by name, in Vietnamese and English",
          row="DisplayWord"),
)}


@cache
def row_class(name: str) -> type:
    t = TABLES[name]
    cls = t.row or "".join(w.title() for w in t.name.split("_"))
    return make_dataclass(cls, [(n, _TYPES[k]) for n, k in t.fields], frozen=True)


def _lines(file: str) -> list[list[str]]:
    """The non-comment lines of a data file, split on tabs and normalised."""
    text = files("dxkg").joinpath("data", file).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([normalize(c).strip() for c in line.split("\t")])
    return out


def _value(t: Table, column: str, kind: str, cell: str):
    if kind == "list":
        return tuple(v for v in cell.split("|") if v)
    if kind == "int":
        return int(cell)
    if kind == "flag":
        if cell not in ("", "yes"):
            raise ValueError(f"{t.file}: column {column} is a flag (yes or empty), not {cell!r}")
        return cell == "yes"
    return cell


@cache
def table(name: str) -> tuple:
    """The rows of a declared table, in file order."""
    if name not in TABLES:
        raise LookupError(f"no lexicon table named {name!r} (declared in lexicon/tables.py: {', '.join(TABLES)})")
    t = TABLES[name]
    lines = _lines(t.file)
    if t.header:
        head, *lines = lines
        if tuple(head) != t.names:
            raise ValueError(f"{t.file}: header {head} is not the declared columns {list(t.names)}")
    make = row_class(name)
    rows = []
    for cells in lines:
        if len(cells) > len(t.fields):
            raise ValueError(f"{t.file}: row {cells[0]!r} has {len(cells)} cells, the table declares "
                             f"{len(t.fields)} columns {list(t.names)}")
        cells = cells + [""] * (len(t.fields) - len(cells))
        rows.append(make(*(_value(t, n, k, c) for (n, k), c in zip(t.fields, cells, strict=True))))
    return tuple(rows)


def words(name: str, **where: str) -> list[str]:
    """The first column of a table, of the rows whose columns have the given values:
    words("rank_words", marks="ordinal")."""
    rows = table(name)
    first = TABLES[name].names[0]
    return [getattr(r, first) for r in rows if all(getattr(r, c) == v for c, v in where.items())]
