"""Type stubs of khabar (the native package built from the khabar Rust crate)."""

import sys
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Tuple, Union

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover
    from typing_extensions import NotRequired, TypedDict

__version__: str

HardWrap = Literal["off", "on", "auto"]

class Span(TypedDict):
    """A piece of the text: code-point and byte offsets, and the text itself."""

    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str

class Sentence(TypedDict):
    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str
    kind: Literal["title", "caption", "dateline", "body", "clutter"]
    paragraph: int
    dateline: NotRequired[Span]

class SpeakerMention(TypedDict):
    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str
    name: str
    kind: str
    entity: int

class Quote(TypedDict):
    kind: Literal["direct", "indirect", "mixed"]
    content: Span
    cue: Optional[Span]
    speaker: Optional[SpeakerMention]
    sentence: int
    confidence: float
    rule: str

class Speaker(TypedDict):
    id: int
    name: str
    kind: str
    mentions: List[Span]

class SummaryItem(TypedDict):
    sentence: int
    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str
    score: float
    features: Dict[str, float]
    truncated: NotRequired[bool]  # present (True) when the sentence was cut short

class Record(TypedDict):
    """One article's record: the CLI's ``khabar analyze`` record (plus code-point offsets)."""

    id: NotRequired[Any]
    sentences: List[Sentence]
    quotes: List[Quote]
    speakers: List[Speaker]
    summary: List[SummaryItem]

class ErrorRecord(TypedDict):
    """In place of an item of ``analyze_many`` that cannot be analysed."""

    id: Any
    index: int
    error: str

Item = Union[str, Mapping[str, Any]]

class Analyzer:
    """A reusable analyzer (lexicons built once); thread-safe and picklable."""

    def __init__(self, hard_wrap: HardWrap = "off") -> None: ...
    @property
    def hard_wrap(self) -> HardWrap: ...
    def __reduce__(self) -> Tuple[type, Tuple[str]]: ...
    def analyze(
        self,
        text: str,
        title: Optional[str] = None,
        *,
        sentences: Optional[int] = None,
        words: Optional[int] = None,
        chars: Optional[int] = None,
        ratio: Optional[float] = None,
    ) -> Record: ...
    def split(self, text: str, title: Optional[str] = None) -> List[Sentence]: ...
    def quotes(self, text: str, title: Optional[str] = None) -> List[Quote]: ...
    def summarize(
        self,
        text: str,
        title: Optional[str] = None,
        *,
        sentences: Optional[int] = None,
        words: Optional[int] = None,
        chars: Optional[int] = None,
        ratio: Optional[float] = None,
    ) -> List[SummaryItem]: ...
    def analyze_many(
        self,
        items: Iterable[Item],
        threads: Optional[int] = None,
        *,
        sentences: Optional[int] = None,
        words: Optional[int] = None,
        chars: Optional[int] = None,
        ratio: Optional[float] = None,
    ) -> List[Union[Record, ErrorRecord]]: ...

def analyze(
    text: str,
    title: Optional[str] = None,
    *,
    sentences: Optional[int] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
) -> Record: ...
def split(text: str, title: Optional[str] = None) -> List[Sentence]: ...
def quotes(text: str, title: Optional[str] = None) -> List[Quote]: ...
def summarize(
    text: str,
    title: Optional[str] = None,
    *,
    sentences: Optional[int] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
) -> List[SummaryItem]: ...
def analyze_many(
    items: Iterable[Item],
    threads: Optional[int] = None,
    *,
    sentences: Optional[int] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
) -> List[Union[Record, ErrorRecord]]: ...
