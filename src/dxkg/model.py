"""Plain typed records that flow between the stages.

Nothing here knows RDF or Vietnamese: an `Article` is text with offsets, and
every extracted record carries the `Evidence` (sentence and character span)
it was read from, so every fact in the graph can be traced to its sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (xsd:gYear/gYearMonth/date)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Identity:
    """What makes mentions one thing, set by the identity stage: `key` is equal for every mention of the
    thing (the folded name and its scope), `slug` is the readable ASCII part of its IRI. A `local` thing
    exists only in one article's report (a membership, an observation, an event): its key is read
    within the article. An unhashed identity is its slug alone (a province, a post, a unit)."""

    kind: str  # the IRI's folder: "person", "org", "document", ...
    key: str
    slug: str
    hashed: bool = True
    local: bool = False


def _identity():
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset into Article.text
    paragraph: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def span(self, start: int, end: int) -> Evidence:
        """The evidence for the characters start:end of this sentence (offsets relative to it)."""
        return Evidence(self.text, self.start + start, self.start + end, in_headline=self.paragraph < 0)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and the span of the fact in Article.text (or, for a fact read in
    the headline, which stands before the text, offsets counted back from the text's start)."""

    sentence: str
    start: int
    end: int
    in_headline: bool = False


@dataclass
class Article:
    source_file: str  # base name of the input file
    text: str  # the article's own text, cleaned; offsets refer to it
    sentences: list[Sentence] = field(default_factory=list)
    headline: str = ""
    published: PartialDate | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    # page furniture kept for metadata only (clock widgets, counters); never read for facts
    furniture: list[str] = field(default_factory=list)
    printed_dates: list[str] = field(default_factory=list)
    source_url: str | None = None


# ------------------------------------------------------------------ extracted records


@dataclass(frozen=True)
class ProvinceRef:
    id: str  # gazetteer id, e.g. "gia-lai"
    name: str
    # from the gazetteer, for the graph: the official code, "tỉnh" or "thành phố", the unit it merged into
    code: str = field(default="", compare=False, repr=False)
    kind: str = field(default="", compare=False, repr=False)
    successor: ProvinceRef | None = field(default=None, compare=False, repr=False)
    display: tuple[str, str] = field(default=("", ""), compare=False, repr=False)  # (vi, en) names it to people
    # the interval it existed (ISO dates, from inclusive, until exclusive; empty = open) and its Wikidata item
    valid_from: str = field(default="", compare=False, repr=False)
    valid_until: str = field(default="", compare=False, repr=False)
    wikidata: str = field(default="", compare=False, repr=False)
    wikidata_exact: bool = field(default=False, compare=False, repr=False)  # the item is this unit, not also another


@dataclass(frozen=True)
class Org:
    """An organization as the text names it, with its jurisdiction completed."""

    label: str  # main label, abbreviations expanded ("Ủy ban nhân dân tỉnh Gia Lai")
    kind: str  # lexicon kind: people_committee, party_committee, department, steering_committee, ...
    province: ProvinceRef | None = None
    alt_labels: tuple[str, ...] = field(default=(), compare=False)
    parent: Org | None = None
    english: str = field(default="", compare=False)  # what kind of body, in English
    # where the article first names it (on the mentions the Organizations component finds)
    evidence: Evidence | None = field(default=None, compare=False, repr=False)
    identity: Identity | None = _identity()

    @property
    def is_steering_committee(self) -> bool:
        return self.kind == "steering_committee"


@dataclass(frozen=True)
class PersonRef:
    name: str
    scope: ProvinceRef | None = None  # tells apart namesakes: see identity.keys.person_scope
    identity: Identity | None = _identity()


@dataclass(frozen=True)
class Membership:
    person: PersonRef
    role: str  # Vietnamese post label from the lexicon ("Phó Bí thư")
    org: Org
    evidence: Evidence
    role_en: str = ""
    shared_post: bool = False  # a post several hold at once (set by the identity stage)
    identity: Identity | None = _identity()
    role_identity: Identity | None = _identity()


@dataclass(frozen=True)
class PersonMention:
    person: PersonRef
    evidence: Evidence


@dataclass(frozen=True)
class Document:
    kind: str  # "Nghị quyết", "Quyết định", ...
    notation: str | None  # canonical number and symbol ("04-NQ/TU")
    label: str
    issuer: Org | None = None
    date: PartialDate | None = None
    subject: str | None = None
    # (relation, notation) of the documents it carries out ("implements"), is issued pursuant to ("pursuantTo"),
    # amends ("amends") or replaces ("replaces")
    related: tuple[tuple[str, str], ...] = ()
    as_written: tuple[str, ...] = ()
    evidence: Evidence | None = None
    key: str = ""  # one document within the article: the notation, else type, issuer and subject (with the scope, across)
    short: bool = False  # a short reference ("Nghị quyết 04"): the identity stage looks for the full one
    # set by the identity stage, for the corpus stage to find one document across articles: the number of a
    # short reference or notation, "national" or the province whose document it is, the folded name
    number: str = ""
    scope: str = ""
    name_key: str = ""
    identity: Identity | None = _identity()


@dataclass(frozen=True)
class Platform:
    label: str
    url: str | None = None
    operator: Org | None = None
    province: ProvinceRef | None = None
    national: bool = False
    evidence: Evidence | None = None
    alt_labels: tuple[str, ...] = ()  # other names the text gives it: the acronym in "… (LGSP)"
    identity: Identity | None = _identity()


@dataclass(frozen=True)
class Event:
    kind: str  # "Hội nghị", "cuộc họp", ...
    label: str
    date: PartialDate | None
    place: str | None = None
    organizer: Org | None = None
    chairs: tuple[PersonRef, ...] = ()
    documents: tuple[str, ...] = ()  # Document.key of each document it concerned (set by the identity stage)
    document_mentions: tuple[Document, ...] = ()  # the references in its sentence, as extraction found them
    evidence: Evidence | None = None
    identity: Identity | None = _identity()


@dataclass(frozen=True)
class Observation:
    value: Decimal
    unit: str  # "percent", "rank", or the thing counted ("đơn vị", "hồ sơ", ...)
    status: str  # "actual" | "target"
    indicator: str
    area: ProvinceRef | None
    period: int | None
    evidence: Evidence
    max_value: Decimal | None = None
    out_of: Decimal | None = None
    qualifier: str | None = None  # "hơn", "khoảng", "tối thiểu", ...
    set_by: str | None = None  # Document.key of the document that set the target (set by the identity stage)
    documents_before: tuple[Document, ...] = ()  # for a target: the references before it in its sentence
    change_of: Observation | None = None  # the figure this one is a change of ("đạt 87%, tăng 36% so với năm 2022")
    indicator_en: str | None = None
    label: str = ""  # how tables and the view show it: "39/63 · xếp hạng DTI · 2021"
    measure: CanonicalIndicator | None = None  # what its own indicator measures (set by the identity stage)
    measure_match: str = ""  # "exact": the same indicator; "broad": a part, a level or a change of it
    identity: Identity | None = _identity()
    indicator_identity: Identity | None = _identity()
    unit_identity: Identity | None = _identity()


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    provinces: list[ProvinceRef] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    organizations: list[Org] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    authors: list[PersonRef] = field(default_factory=list)
    publisher: Org | None = None
    province: ProvinceRef | None = None  # the province the article is about
    # set by the identity stage
    identity: Identity | None = None  # the article's
    merges: list[Merge] = field(default_factory=list)
    scheme: Scheme | None = None  # the concept scheme the indicators belong to


@dataclass(frozen=True)
class Merge:
    """Two mentions found to be one thing, and why: the identity stage keeps one per decision."""

    kind: str
    key: str  # the identity key both mentions share
    mention: str  # the mention merged, as written
    reason: str


@dataclass(frozen=True)
class Scheme:
    identity: Identity
    label: str
    label_en: str


# ------------------------------------------------------------------ reference data, the same in every build


@dataclass(frozen=True)
class CanonicalIndicator:
    """A national indicator of digital transformation, as the document that defines it names it."""

    code: str  # "dti-rank"
    label: str
    english: str
    unit: str  # "percent", "rank", "score", "count"; "" for a group of indicators
    broader: str = ""  # the code of the group or index it belongs to
    source: Document | None = None  # the document that defines it
    publisher: str = ""  # who publishes it, when no document of ours defines it
    identity: Identity | None = _identity()


@dataclass
class Reference:
    """What every build holds whatever its articles: every unit of the gazetteer, the canonical indicators and
    the documents that define them."""

    units: list[ProvinceRef]
    indicators: list[CanonicalIndicator]
    documents: list[Document]
    scheme: Scheme | None = None
    identity: Identity | None = None  # its named graph's


# ------------------------------------------------------------------ what one article tells the corpus stage
# Plain values: a build keeps them with the article's cached part and reads them back for every build, so
# they hold identity keys and minted IRIs, never records.


@dataclass(frozen=True)
class ReportedFigure:
    """An observation that measures a canonical indicator exactly, in a province and a year."""

    observation: str  # its IRI
    article: str
    indicator: str  # the canonical indicator's code
    area: str  # the province's gazetteer id
    period: int
    status: str
    unit: str  # the unit's IRI
    value: str  # the decimal, canonical


@dataclass(frozen=True)
class ReportedPost:
    """A membership as one article reports it."""

    membership: str  # its IRI
    article: str
    person: str  # the person's IRI
    role: str  # the post's IRI
    org: str  # the organization's IRI
    person_name: str
    post: str  # the post as written in the graph ("Chủ tịch")
    org_name: str
    date: str  # the article's date (ISO, as precise as known), "" when unknown
    shared: bool  # a post several people hold at once (a vice-chair): nobody succeeds anybody in it


@dataclass(frozen=True)
class ReportedDocument:
    """A document as one article names it."""

    document: str  # its IRI
    article: str
    kind: str  # "Nghị quyết"
    notation: str  # "" for a short reference
    number: str  # the number of a short reference ("Nghị quyết 57" -> "57"), or of the notation
    scope: str  # "national", a province's gazetteer id, or "" when unknown
    name: str  # its name, folded, without the type: what names of one document share


@dataclass(frozen=True)
class Statistic:
    """One figure (canonical indicator, province, year, status, unit) with every observation that reports it."""

    indicator: CanonicalIndicator
    area: ProvinceRef
    period: int
    status: str
    unit: str  # IRI
    values: tuple[str, ...]  # the distinct values reported, in numeric order: more than one is a conflict
    observations: tuple[ReportedFigure, ...]
    label: str
    identity: Identity


@dataclass(frozen=True)
class Tenure:
    """A person in a post of a body, as far as the articles show: first and last reported, and who held the
    post before and after (for a post one person holds at a time)."""

    person: str
    role: str
    org: str
    first: str  # ISO date, as precise as known; "" when no report is dated
    last: str
    reports: tuple[str, ...]  # the memberships of the articles
    names: tuple[str, str, str]  # of the person, the post, the body
    label: str
    identity: Identity
    before: Identity | None = None
    after: Identity | None = None


@dataclass(frozen=True)
class SameDocument:
    """A short reference in one article that names a document another article (or the reference data) gives
    in full, and why they are one."""

    short: str  # IRI
    full: str  # IRI
    reason: str


@dataclass
class Corpus:
    """What the articles of a build say together."""

    statistics: list[Statistic] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    documents: list[SameDocument] = field(default_factory=list)
    identity: Identity | None = None  # its named graph's
