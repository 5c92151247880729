"""Parse sentences with kg's trained pipeline of a language (or a spaCy pipeline the user names).

    parser = Parser.load("nl")                 # kg/data/parsers/nl, shipped in the package
    docs = parser.parse(["Rusland riep de Veiligheidsraad bijeen."])

After the pipeline, verb lemmas come from the treebank lookup (kg.parse.lemmas) where it knows the
form, and the post-parse fixes of the language's grammar file (kg/data/grammar/LANG.toml) run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from kg.base.errors import KgError
from kg.parse import fixes, lemmas
from kg.parse.grammar import Grammar
from kg.read.segment import lemma as dictionary_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc

PACKAGED = Path(__file__).resolve().parent.parent / "data" / "parsers"


@lru_cache(maxsize=8)
def _load_spacy(source: str):
    """A spaCy pipeline, loaded once per process (kg.coding.rules.extract and every Pipeline share
    it), and the words of its vocabulary as loaded: spaCy's string store also takes in every word
    of every text the pipeline tokenizes later."""
    import spacy

    nlp = spacy.load(source, exclude=["ner", "senter", "textcat"])
    return nlp, frozenset(nlp.vocab.strings)


@dataclass
class Parser:
    lang: str
    nlp: object                 # spacy.Language
    verb_lemmas: dict[str, str]
    grammar: Grammar
    known: set[str] = field(default_factory=set)     # verb lemmas known to be right
    trained: frozenset = frozenset()    # the words of the pipeline's vocabulary as loaded
    noun_lemmas: dict[str, str] = field(default_factory=dict)   # the treebank's nouns (closed compounds)

    def __post_init__(self):
        self.known |= set(self.verb_lemmas.values()) | set(self.grammar.verb_lemmas.values())

    @classmethod
    def load(cls, lang: str, name: str | None = None) -> "Parser":
        """kg's own pipeline of `lang`, or the spaCy pipeline `name` (a package or a folder)."""
        source = name or PACKAGED / lang
        try:
            nlp, trained = _load_spacy(str(source))
        except OSError as exc:
            raise KgError(f"cannot load the {lang} parser {source}: {exc}",
                          f"Train it with `python -m kg.parse.train {lang}` or name an installed "
                          "spaCy pipeline with --parser") from exc
        # the treebank's verb lemmas of the language, and the named pipeline's own if it has one
        table = {**lemmas.read(PACKAGED / lang / "verb-lemmas.tsv"),
                 **(lemmas.read(Path(name) / "verb-lemmas.tsv") if name and Path(name).is_dir() else {})}
        parser = cls(lang, nlp, table, Grammar.load(lang), trained=trained)
        parser.known |= lemmas.read_known(PACKAGED / lang / "verbs.txt")
        if parser.grammar.closed_compounds:
            parser.noun_lemmas = lemmas.read(Path(source) / "noun-lemmas.tsv") if Path(source).is_dir() else {}
        parser.known -= parser.slips()
        return parser

    def slips(self) -> set[str]:
        """Treebank lemmas that are inflected forms of another known lemma ("fighting" of "fight"):
        a known lemma ending in one of the grammar's `slip_endings` whose inflection rules give a
        different known lemma."""
        return {w for w in self.known if any(w.endswith(e) for e in self.grammar.slip_endings)
                and any(w.endswith(end) and w[:len(w) - len(end)] + repl in self.known - {w}
                        for end, repl in self.grammar.inflections if end in self.grammar.slip_endings)}

    def parse(self, texts: Iterable[str], names: Iterable[Sequence[tuple]] | None = None,
              mask_single: bool | None = None) -> Iterator[Doc]:
        """spaCy Docs, one per text, with verb lemmas and the grammar's fixes applied. Each text
        is one sentence (kg splits them): the parser is not allowed to split it again. `names`
        gives per text the (start, end, kind) character spans of names ("Khan Younis", kind
        "person", "name" or an article): each of more than one token but a person's (the parser
        reads "John Kerry" well) is parsed as one word it knows
        well (the grammar's `placeholders` of that kind, in turn: a trained parser reads "jets
        struck [Iraq]" right where it misreads "jets struck Khan Younis") and comes back as one
        token with its own text. Where `mask_single` (default: the grammar's `mask_single_names`)
        says so, a one-word name the parser never saw is masked too, and a person's name with
        such a word ("Xi Jinping")."""
        items = zip(texts, names) if names is not None else ((t, ()) for t in texts)
        words: list = []
        given: list = []                  # each text's name spans, for `_names_apart`
        single = self.grammar.mask_single_names if mask_single is None else mask_single

        def masked():
            for text, spans in items:
                given.append(spans)
                yield self._one_sentence(text, spans, words, single)

        for k, doc in enumerate(self.nlp.pipe(masked(), batch_size=256)):
            plan, words[k] = words[k], None
            if plan is not None:
                doc = _unmasked(doc, *plan)
            if nouns := self._noun_stand_ins(doc):
                doc = self._reparsed(doc, plan, nouns)
            _names_apart(doc, given[k])
            given[k] = None
            fixes.apply(doc, self.grammar.fixes)
            self.fix_lemmas(doc)
            yield doc

    def _one_sentence(self, text: str, spans: Sequence[tuple] = (), words: list | None = None,
                      single: bool = False):
        """The sentence as one Doc, each name span one placeholder word; `words` gets the
        original (words, spaces, name flags), or None when nothing was masked."""
        doc = _final_stop(self.nlp.make_doc(text))
        masks = self.grammar.placeholders
        plan = _merge(doc, spans, self.trained, single) if spans and masks else None
        if self.grammar.verb_placeholders and self.trained:
            plan = _verb_stand_ins(doc, plan, self.trained, self.grammar, self._weak_past)
        if plan is not None:
            doc = self._masked_doc(plan)
        if words is not None:
            words.append(plan)
        for k, tok in enumerate(doc):
            tok.is_sent_start = k == 0
        return doc

    def _masked_doc(self, plan):
        from spacy.tokens import Doc

        orig, spaces, kinds = plan
        masks = self.grammar.placeholders
        seen: dict[str, int] = {}
        masked = []
        for word, kind in zip(orig, kinds):   # each name of a kind its own word: "Iraq and Iran"
            if isinstance(kind, StandIn):
                word = kind.word if word.islower() else kind.word.capitalize()
            elif kind in masks:
                n = seen[kind] = seen.get(kind, -1) + 1
                word = masks[kind][n % len(masks[kind])]
            masked.append(word)
        return Doc(self.nlp.vocab, words=masked, spaces=spaces)

    def _noun_stand_ins(self, doc) -> dict[int, "StandIn"]:
        """Words the tagger read as verbs that it never saw, that no verb table or rule explains,
        and that are a word it knows (with a linking "s") and a noun of the treebank ("krijgs-heer",
        "schuil-plaatsen"): a closed compound, to be parsed as that noun (or, where the noun is a verb form too, as the
        grammar's `noun_placeholders` form for its ending), with the compound's lemma; and a treebank
        noun's plural the tagger read as a verb that no verb form explains ("al [decennia]"), as that form."""
        out = {}
        for tok in doc if self.noun_lemmas else ():
            low = tok.lower_
            if tok.pos_ != "VERB" or not low.isalpha() or self._looked_up(low) \
                    or self._weak_past(low) or self._inflected(low) or self._with_particle(low):
                continue
            plural = self.noun_lemmas.get(low, low).replace("_", "") != low   # a noun's plural that can
            if plural and not low.endswith(self.grammar.infinitive_endings):  # be no verb ("al [decennia]")
                form = next((w for end, w in self.grammar.noun_placeholders if low.endswith(end)), None)
                if form and tok.i > 0:
                    out[tok.i] = StandIn(form, self.noun_lemmas[low].replace("_", ""))
                continue
            if low in self.trained:
                continue
            for k in range(3, len(low) - 3):
                head, tail = low[:k], low[k:]
                if (lemma := self.noun_lemmas.get(tail)) is None or not (
                        head in self.trained or head.endswith("s") and head[:-1] in self.trained):
                    continue                # a word of its own before the noun, or with a linking s
                if head in self.grammar.verb_prefixes or head in self.grammar.particles:
                    break                   # "ont-waarde", "af-vallen": a verb's prefix
                if tail not in self.verb_lemmas:
                    out[tok.i] = StandIn(tail, head + lemma.replace("_", ""))
                elif not head.endswith(self.grammar.verb_prefixes + tuple(self.grammar.particles)):
                    form = next((w for end, w in self.grammar.noun_placeholders if tail.endswith(end)), None)
                    if form:
                        out[tok.i] = StandIn(form, head + lemma.replace("_", ""))
                break
        return out

    def _reparsed(self, doc, plan, nouns: dict):
        """The sentence parsed again with `nouns` standing in for the words they replace."""
        words, spaces, kinds = plan if plan is not None else (
            [t.text for t in doc], [bool(t.whitespace_) for t in doc], [None] * len(doc))
        kinds = [nouns.get(k, kind) for k, kind in enumerate(kinds)]
        again = self._masked_doc((words, spaces, kinds))
        for k, tok in enumerate(again):
            tok.is_sent_start = k == 0
        return _unmasked(self.nlp(again), words, spaces, kinds)

    def _weak_past(self, form: str) -> str | None:
        """The known lemma of a weak past form ("herhaalden" -> "herhalen"; a form ending in one of
        the grammar's `weak_past` endings, not a participle), else None."""
        if not form.endswith(self.grammar.weak_past) or form.startswith(self.grammar.participle_prefixes):
            return None
        return self._inflected(form)

    def know(self, words: Iterable[str]) -> None:
        """More verb lemmas to accept as right (the patterns' triggers)."""
        self.known |= {w.split("_")[-1] for w in words}

    def _inflected(self, form: str) -> str | None:
        """A known lemma that one of the grammar's inflection rules makes of `form`, or of `form`
        without a participle prefix ("gegund" -> "gund" -> "gunnen")."""
        stems = [form] + [form[len(p):] for p in self.grammar.participle_prefixes if form.startswith(p)]
        for stem in stems:
            for ending, repl in self.grammar.inflections:
                if stem.endswith(ending) and (cand := stem[:len(stem) - len(ending)] + repl) in self.known:
                    return cand
        return None

    def _dictionary(self, form: str) -> str | None:
        """For a verb form no table or rule knows, a general dictionary's lemma (simplemma's:
        "crashte" -> "crashen", "bezegeld" -> "bezegelen"), when it looks like an infinitive of
        the language (the grammar's `infinitive_endings`; none listed: not used)."""
        endings = self.grammar.infinitive_endings
        guess = dictionary_lemma(form, self.grammar.lang) if endings else form
        return guess if guess != form and guess.endswith(endings) else None

    def _looked_up(self, form: str) -> str | None:
        return self.grammar.verb_lemmas.get(form) or self.verb_lemmas.get(form)

    def _with_particle(self, form: str) -> str | None:
        """A separable verb written as one word ("toegeslagen", "losliet"): its particle, then the
        lemma the tables or rules give the rest ("toe_slaan", "los_laten")."""
        for prt in self.grammar.particles:
            rest = form[len(prt):]
            if form.startswith(prt) and len(rest) > 2 and (
                    lemma := self._looked_up(rest) or self._inflected(rest)):
                return f"{prt}_{lemma}"
        return None

    def fix_lemmas(self, doc: Doc) -> None:
        for tok in doc:
            if tok.pos_ in lemmas.VERBAL:
                known = self._looked_up(tok.lower_)
                odd = "_" in tok.lemma_ and self.grammar.particles and \
                    tok.lemma_.split("_")[0].lower() not in self.grammar.particles    # "o_plegen"
                if not known and (odd or tok.lemma_.lower().split("_")[-1] not in self.known):
                    known = (tok.lower_ if tok.lower_ in self.known else None) or \
                        self._inflected(tok.lower_) or self._with_particle(tok.lower_) or \
                        self._dictionary(tok.lower_)        # "beschuldigen"; "crashte" -> "crashen"
                if known:
                    tok.lemma_ = known
                elif "_" in tok.lemma_ and not odd and tok.lower_.startswith(tok.lemma_.split("_")[0].lower()) \
                        and not any(c.dep_ == "compound:prt" for c in tok.children):
                    continue            # a joined separable verb keeps its particle ("afvuren")
                else:
                    tok.lemma_ = tok.lemma_.split("_")[-1].lower()


def _final_stop(doc):
    """kg's sentence ends where kg's segmenter ended it: a last token with the full stop on it (the
    tokenizer's abbreviation "hand." in "wees ... van de hand.") is the word and the stop."""
    last = doc[-1] if len(doc) else None
    if last is None or len(last.text) < 2 or not last.text.endswith(".") or last.text.count(".") > 1:
        return doc
    from spacy.tokens import Doc

    words = [t.text for t in doc[:-1]] + [last.text[:-1], "."]
    return Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc[:-1]] + [False, bool(last.whitespace_)])


def _unknown_name(word: str, known) -> bool:
    """A one-word name the parser never saw as such: not in its vocabulary, or an acronym that
    is a common word in small letters ("IS" read as "is", "US" as "us")."""
    return word not in known or len(word) > 1 and word.isupper() and word.lower() in known


def _merge(doc, spans: Sequence[tuple], known, single: bool = True):
    """(words, spaces, kinds) of the doc's tokens with the tokens inside each (start, end, kind)
    character span joined into one word (kind None elsewhere); None when no span covers a token.
    A name of one token stays as it is, unless `single` and the parser never saw it (not in
    `known`, or an acronym that is a common word of `known` in small letters); so does a person's
    name of several tokens (with `single`, only one whose words are all in `known`)."""
    words, spaces, kinds = [], [], []
    bounds = sorted(spans)
    k, merged = 0, False
    toks = list(doc)
    i = 0
    while i < len(toks):
        tok = toks[i]
        while k < len(bounds) and bounds[k][1] <= tok.idx:
            k += 1
        if k < len(bounds) and bounds[k][0] == tok.idx:
            start, end, kind = bounds[k]
            j = i
            while j + 1 < len(toks) and toks[j + 1].idx + len(toks[j + 1]) <= end:
                j += 1
            if toks[j].idx + len(toks[j]) == end and (j > i and (kind != "person" or single and any(t.text not in known for t in toks[i:j + 1])) or j == i and single and _unknown_name(tok.text, known)
                                            or j == i and kind == "demonym"):   # "the [British] relinquished"
                words.append(doc.text[start:end])
                spaces.append(bool(toks[j].whitespace_))
                kinds.append(kind)
                merged = True
                i = j + 1
                continue
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
        kinds.append(None)
        i += 1
    return (words, spaces, kinds) if merged else None


@dataclass(frozen=True)
class StandIn:
    """A verb form the parser never saw, parsed as a form it knows well of the same shape."""
    word: str
    lemma: str


def _verb_stand_ins(doc, plan, trained, grammar, weak_past=lambda form: None):
    """`plan` (or the doc's own words) with each form of the grammar's `verb_lemmas` table (strong
    and irregular verbs), or weak past of a known verb (`weak_past`), the parser never saw marked
    to be parsed as the grammar's `verb_placeholders` form for its ending ("zwoer" as "verloor",
    "herhaalden" as "kregen"): the tagger reads a rare past by its ending ("zwoer" a noun). None
    when nothing is masked."""
    words, spaces, kinds = plan if plan is not None else (
        [t.text for t in doc], [bool(t.whitespace_) for t in doc], [None] * len(doc))
    kinds = list(kinds)
    found = False
    for k, (word, kind) in enumerate(zip(words, kinds)):
        lower = word.lower()
        if kind is not None or lower in trained or not word.isalpha():
            continue
        lemma = grammar.verb_lemmas.get(lower) or weak_past(lower)
        stand = next((w for end, w in grammar.verb_placeholders if lower.endswith(end)), None)
        if lemma and stand is not None:
            kinds[k] = StandIn(stand, lemma)
            found = True
    return (words, spaces, kinds) if found or plan is not None else None


#: The relations by which a parser joins two words into one name ("Rusland [flat] Oekraïne").
NAME_PARTS = ("flat", "flat:name")


def _names_apart(doc, spans: Sequence[tuple]) -> None:
    """Two names kg found apart are two phrases, not one name: where the parser joined a name
    to the name before it ("Volgens Reuters viel [Rusland Oekraïne] aan", "roepen ... de premier
    [Keir Starmer Iran] op"), the second hangs on the governor of the first's phrase as its object
    (the grammar's fixes then settle subject and object)."""
    if len(spans) < 2:
        return
    span_of = {}
    for n, (start, end, _) in enumerate(spans):
        for tok in doc:
            if start <= tok.idx < end:
                span_of[tok.i] = n
    for tok in doc:
        head = tok.head
        top = head                      # the phrase the first name ends: "de premier Keir Starmer [Iran]"
        while top.dep_ in PHRASE_PARTS and top.head.i != top.i:
            top = top.head
        if tok.dep_ in NAME_PARTS and top.head.i != top.i and top.dep_ in ROLE_DEPS \
                and tok.i in span_of and head.i in span_of and span_of[tok.i] != span_of[head.i] \
                and spans[span_of[tok.i]][2] != "person":   # "US President [Joe Biden]" is one phrase
            tok.head, tok.dep_ = top.head, "obj"


#: The relations inside a noun phrase of names and titles ("de premier [Keir] Starmer", "X en [Y]").
PHRASE_PARTS = ("appos", "flat", "flat:name", "conj")

#: The relations of a verb's argument a joined name can stand in.
ROLE_DEPS = ("nsubj", "obj", "iobj", "obl", "obl:arg")


def _unmasked(doc, words, spaces, kinds):
    """The parsed placeholder Doc with the original words back (names keep their text as lemma
    and are proper nouns, whatever word stood in for them)."""
    from spacy.tokens import Doc

    named = [kind is not None and not isinstance(kind, StandIn) for kind in kinds]
    return Doc(doc.vocab, words=words, spaces=spaces, heads=[t.head.i for t in doc],
               deps=[t.dep_ for t in doc], pos=["PROPN" if name else t.pos_ for t, name in zip(doc, named)],
               tags=[t.tag_ for t in doc],
               morphs=[str(t.morph) for t in doc],
               lemmas=[w if name else kind.lemma if isinstance(kind, StandIn) else t.lemma_
                       for t, w, kind, name in zip(doc, words, kinds, named)],
               sent_starts=[t.i == 0 for t in doc])
