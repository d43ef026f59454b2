"""The recommendation catalogue: measures and maintain statements, with owners and dimensions; layered like rules."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itaplan.base.errors import Problem, RuleError
from itaplan.base.schemacheck import schema_errors, schema_problems
from itaplan.base.thai import thai_numbers
from itaplan.base.yamlio import LineDict, loads, plain, read_text, yaml_files
from itaplan.builtin import builtin_dir
from itaplan.content.placeholders import locate, nearest, stray_braces, written_texts
from itaplan.ita.framework import builtin_years, load_framework

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


# the keys of a recommendations file that take numbers (recommendations.schema.json's integers and numbers)
NUMBER_KEYS = frozenset({"version", "frameworks", "max_measures", "max_per_row", "fall_points", "indicators",
                         "dimension", "from", "to", "budget"})


def safe_format(template: str, values: dict[str, object]) -> str:
    """``{name}`` replaced by ``values[name]``; everything else (``{year.__class__}``, a lone ``{``,
    ``{0}``, format specs) stays as written. A settings text can thus never reach into Python objects
    the way ``str.format`` lets it, and never fails."""
    def one(match: re.Match[str]) -> str:
        text = match.group(0)
        if text in ("{{", "}}"):
            return text[0]
        name = match.group(1)
        return str(values[name]) if name in values else text

    return _FIELD.sub(one, template)


class TextTemplate(str):
    """A settings.yaml text; its ``format`` is ``safe_format`` (only the named placeholders given)."""

    def format(self, *args: object, **values: object) -> str:  # noqa: A003 - str.format's name on purpose
        return safe_format(str(self), values)
# the placeholders the drafting code fills in a sentence beyond those its built-in wording prints (what it passes
# when it formats that sentence); any other name in an office's rewording would be printed as typed
OPTIONAL_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "publish_by": frozenset({"approx", "month", "period"}),
    "publish_monthly": frozenset({"month"}),
    "publish_part_standing": frozenset({"approx", "month", "period"}),
    "publish_part_monthly": frozenset({"month"}),
    "title_unconfirmed": frozenset({"number"}),
    "whatif_publish": frozenset({"part", "score", "target", "to_target"}),
    "whatif_improve_max": frozenset({"target", "to_target"}),
    # the report's summary line once said every status's count in one sentence: an office's wording of that kind
    # is printed as written, every count in it (followup.report.summary_line)
    **{key: frozenset({"in_progress", "not_started", "dropped"}) for key in ("report_summary",
                                                                           "report_summary_action_plan")},
    # an own measure's card names each indicator it serves ({indicators}); wordings written for one still work
    **{key: frozenset({"number", "name"}) for key in ("card_own_rationale", "card_own_answers_rationale",
                                                      "card_own_objective", "card_own_outcome",
                                                      "card_own_outcome_staff", "card_own_outcome_public")},
}
# placeholders that carry a figure or a code: an office's rewording that leaves one out publishes a row that is
# false or incomplete ("ข้อ e๗ ได้ ๗๔.๒๗ คะแนน, ถึงค่าเป้าหมายแล้ว…" with e9 gone)
# A reworded sentence that leaves one of these out is refused (validate): the figures, codes and EIT parts the
# reader needs (without {part} the two parts' rows of one question read alike: "ข้อ e4 ได้ 86.02 …", "ข้อ e4 ได้
# 88.20 …"); one that leaves out another (a name, a unit, who set a threshold) is a lint note
# (ruletests.reworded_text_notes).
FIGURE_PLACEHOLDERS = frozenset({
    "amount", "change", "code", "codes", "count", "date", "deadline", "fall", "fiscal_year", "gap", "ids", "item",
    "known", "known_year", "limit", "n", "number", "numbers", "old_year", "part", "part1", "part2", "parts", "percent", "plan_year",
    "previous", "previous_total", "previous_year", "q1", "q2", "score", "scores", "target", "threshold", "to_max",
    "to_target", "total", "year"})


def sentence_placeholders(sentence: str) -> list[str]:
    """The placeholders a settings sentence prints, in their order, each once (``{{``/``}}`` are braces)."""
    return list(dict.fromkeys(m.group(1) for m in _FIELD.finditer(sentence) if m.group(1)))


def allowed_placeholders(key: str, builtin_sentence: str) -> list[str]:
    """What drafting fills in the sentence ``key``: its built-in wording's placeholders, then the optional ones."""
    own = sentence_placeholders(builtin_sentence)
    return own + sorted(OPTIONAL_PLACEHOLDERS.get(key, frozenset()) - set(own))


KNOWN_PLACEHOLDERS = {"agency", "agency_type", "plan_year", "fiscal_year", "items", "staff_count", "budget_act", "compare_items"}


@dataclass
class Recommendation:
    id: str
    kind: str
    title: str
    indicators: tuple[int, ...]
    data: dict  # every field as written (issue, recommendation, method, timeline, evidence, owner, project, ...)
    source: str
    line: int
    layer: str
    office_keys: frozenset[str] = frozenset()  # the keys an office's layer wrote itself (not the built-in ones kept)
    column: int = 1
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> where the last layer writing it wrote it
    builtin: bool = False  # a built-in measure (an office layer may have reworded it), not one an office added

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Catalogue:
    recommendations: dict[str, Recommendation]
    owners: dict[str, str] = field(default_factory=dict)
    dimensions: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    dimensions_until_2565: dict[str, str] = field(default_factory=dict)
    issues: dict[int, dict[str, str]] = field(default_factory=dict)  # fiscal year -> code -> ประเด็น
    oit_default: str = ""
    oit_default_previous_year: str = ""
    given_only: dict[int, str] = field(default_factory=dict)  # indicator -> what to review
    limits: dict[str, float] = field(default_factory=dict)  # max_measures, max_per_row, fall_points
    legal_basis: dict[str, str] = field(default_factory=dict)  # key -> the law or plan a project card cites
    # ids written in files that could not be used (a schema error): known to exist, for the checks of other files;
    # None when a file could not even be read (its ids are unknown, so no id can be said to be missing)
    unchecked_ids: set[str] | None = field(default_factory=set, repr=False, compare=False)
    # the sentences an office layer reworded: key -> where (file, line, column); and the built-in wording of each key
    reworded_at: dict[str, tuple[str, int, int]] = field(default_factory=dict, repr=False, compare=False)
    builtin_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # the measures a layer's disable: took out: id -> where (file, line, column); a rule of the built-in layer that
    # proposes one proposes the rest of its measures (the rules are told this when they are layered)
    switched_off: dict[str, tuple[str, int, int]] = field(default_factory=dict, repr=False, compare=False)
    # and their titles: a note that names one (a budget set for it) names it in Thai, not by its English id
    switched_off_titles: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _text_cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def basis_for(self, keys: list[str]) -> list[str]:
        """The legal and policy basis a card cites: the keys every card cites, then the measure's own."""
        always = [k.strip() for k in self.legal_basis.get("always", "").split(",") if k.strip()]
        return [self.legal_basis[k] for k in dict.fromkeys(always + list(keys)) if k in self.legal_basis]

    @property
    def max_measures(self) -> int:
        return int(self.limits.get("max_measures", 10))

    @property
    def max_per_row(self) -> int:
        """At most this many measures share a row when the row limit merges them (the catalogue's groups apart)."""
        return int(self.limits.get("max_per_row", 3))

    @property
    def fall_points(self) -> float:
        return float(self.limits.get("fall_points", 5))

    def issue_for(self, year: int, code: str, title: str, tool: str) -> str | None:
        """The ประเด็น written for ``code`` in ``year``; OIT items without one get the default, with their title."""
        own = self.issues.get(year, {}).get(code)
        if own:
            return own
        if tool == "OIT":
            previous = "ปีที่ผ่านมา" in title and self.oit_default_previous_year
            template = self.oit_default_previous_year if previous else self.oit_default
            return template.replace("{title}", title) if template else None
        return None

    def joined_issues(self, sentences: list[str]) -> list[str]:
        """A measure's ประเด็น sentences with those of one default OIT template said once for all their items
        ("ผู้ประเมินพิจารณาว่ารายการ “A” และ “B” ยังไม่ผ่านเกณฑ์ เพราะ…"), at the place of the first: the same sentence
        three times over, one item's title apart, read as a list pasted in (an auditor's trial)."""
        out = list(sentences)
        for template in (self.oit_default, self.oit_default_previous_year):
            if "{title}" not in template:
                continue
            before, after = template.split("{title}", 1)
            titles = [s[len(before):len(s) - len(after)] for s in out
                      if len(s) > len(before) + len(after) and s.startswith(before) and s.endswith(after)]
            if len(titles) < 2:
                continue
            quote_close, quote_open = after[:1], before[-1:]  # the template's own marks round a title
            listed = f"{quote_close} {quote_open}".join(titles[:-1]) + \
                f"{quote_close} {self.text('and_also')} {quote_open}" + titles[-1]
            first = next(i for i, s in enumerate(out) if s.startswith(before) and s.endswith(after))
            out = [s for i, s in enumerate(out) if i == first or not (s.startswith(before) and s.endswith(after))]
            out[first] = before + listed + after
        return out

    def dimension_name(self, number: int | None, plan_year: int) -> str:
        """The dimension's name in the anti-corruption plan period of ``plan_year`` (2561-2565 or 2566-2570)."""
        if number is None:
            return ""
        names = self.dimensions_until_2565 if plan_year <= 2565 and self.dimensions_until_2565 else self.dimensions
        return names.get(str(number), "")

    @property
    def ids(self) -> set[str]:
        return set(self.recommendations)

    def text(self, key: str) -> str:
        known = self._text_cache.get(key)
        if known is None:
            value = self.texts.get(key, key)
            known = self._text_cache[key] = TextTemplate(value) if "{" in value else str(value)
        return known


MAX_PLACEHOLDERS = 12  # in one text: each is filled with up to a whole list of codes or titles


def _most_placeholders(value: Any) -> int:
    """The most placeholders any one text of a value holds (a text that repeats {items} 200,000 times made 50 MB
    plans and brought the PDF writer down)."""
    if isinstance(value, str):
        return len(PLACEHOLDER.findall(value))
    if isinstance(value, list):
        return max((_most_placeholders(v) for v in value), default=0)
    if isinstance(value, dict):
        return max((_most_placeholders(v) for v in value.values()), default=0)
    return 0


def _placeholders(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(PLACEHOLDER.findall(value))
    if isinstance(value, list):
        return set().union(*(_placeholders(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return set().union(*(_placeholders(v) for v in value.values())) if value else set()
    return set()


def load_catalogue(extra: list[str | Path] | None = None, builtin: bool = True) -> Catalogue:
    """The built-in catalogue, then each --recommendations folder (same id replaces, new id adds)."""
    problems: list[Problem] = []
    cat = catalogue_layers(extra, builtin, problems, check_builtin_schema=False)
    if problems:
        raise RuleError(problems)
    return cat


def catalogue_layers(extra: list[str | Path] | None, builtin: bool, problems: list[Problem],
                     check_builtin_schema: bool = True) -> Catalogue:
    folders = ([("built-in", builtin_dir("recommendations"))] if builtin else []) + [(str(p), Path(p)) for p in extra or []]
    recs: dict[str, Recommendation] = {}
    owners: dict[str, str] = {}
    dimensions: dict[str, str] = {}
    old_dimensions: dict[str, str] = {}
    texts: dict[str, str] = {}
    issues: dict[int, dict[str, str]] = {}
    oit_default = {"": "", "previous": ""}
    given_only: dict[int, str] = {}
    limits: dict[str, float] = {}
    legal_basis: dict[str, str] = {}
    owner_at: dict[str, tuple[str, int, int]] = {}  # id -> where its owner: is written
    late_owners: list[tuple[str, str, str, int, int]] = []  # (id, owner, file, line, column) of a file refused
    unchecked: set[str] | None = set()  # (see Catalogue.unchecked_ids)
    builtin_texts: set[str] = set()  # the keys of the documents' sentences an office may reword
    builtin_sentences: dict[str, str] = {}  # and their built-in wording
    reworded_at: dict[str, tuple[str, int, int]] = {}  # (see Catalogue.reworded_at)
    switched_off: dict[str, tuple[str, int, int]] = {}  # (see Catalogue.switched_off)
    switched_off_titles: dict[str, str] = {}  # (see Catalogue.switched_off_titles)
    for layer, folder in folders:
        if not folder.is_dir():
            problems.append(Problem(str(folder), "is not a folder of recommendation files"))
            continue
        seen: dict[str, str] = {}
        for path in yaml_files(folder):
            source = str(path)
            try:
                text = read_text(path, within=folder)
                data = loads(text, source)
            except Exception as exc:  # noqa: BLE001 - InputError from YAML or reading
                problems.extend(getattr(exc, "problems", [Problem(source, str(exc))]))
                unchecked = None
                continue
            # a whole number (or a budget) in Thai digits read as the number, as the rule files read theirs
            thai_numbers(data, NUMBER_KEYS)
            if data is None:
                continue
            # an entry with the id of one in an earlier layer changes the keys it gives and keeps the others (an
            # office rewording one sentence of a built-in measure need not copy the whole entry)
            written: dict[int, frozenset[str]] = {}  # entry -> the keys this (office) layer wrote
            for i, raw in enumerate((data.get("recommendations") or []) if isinstance(data, dict) else []):
                if layer != "built-in" and isinstance(raw, dict):
                    earlier = recs.get(str(raw.get("id")))
                    written[i] = frozenset(map(str, raw)) | (earlier.office_keys if earlier else frozenset())
                if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"] in recs:
                    for key, value in recs[raw["id"]].data.items():
                        raw.setdefault(key, value)
            errors = schema_errors(data, "recommendations.schema.json", source) \
                if check_builtin_schema or layer != "built-in" else []
            found = [problem for problem, _ in errors]
            if found:
                problems.extend(found)
                # the file's other problems said with these, not after they are fixed: the owner of each entry the
                # schema took (owner: treasury beside another entry's dimension: 9)
                late_owners.extend(_owners_of_sound_entries(data, [path for _, path in errors], source, owners,
                                                            problems))
                # and the placeholders of its texts (in one run, not once the schema passes): a texts: block the
                # schema took, and every text written in an entry
                problems.extend(_placeholders_of_refused(data, [path for _, path in errors], source, text.split("\n"),
                                                         layer != "built-in" and builtin, builtin_texts,
                                                         builtin_sentences, texts))
                entries = data.get("recommendations") if isinstance(data, dict) else None
                if unchecked is not None and isinstance(entries, list):
                    unchecked |= {raw["id"] for raw in entries if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
                elif unchecked is not None and not (isinstance(data, dict) and entries is None):
                    unchecked = None  # (its entries cannot be told apart)
                continue
            for i, rid in enumerate(data.get("disable", [])):
                if rid not in recs:  # located at the id, with the closest ids, as a rule's disable: is said
                    close = difflib.get_close_matches(str(rid), list(recs), n=3, cutoff=0.6)
                    problems.append(Problem(source, f"disable: no recommendation '{rid}' in an earlier layer; did you "
                                                    f"mean {', '.join(close)}?" if close else
                                            f"disable: no recommendation '{rid}' in an earlier layer",
                                            *data["disable"].pos_of(i)))
                else:
                    switched_off_titles[rid] = recs.pop(rid).title
                    switched_off[rid] = (source, *data["disable"].pos_of(i))
            owners.update(data.get("owners", {}))
            dimensions.update({str(k): v for k, v in data.get("dimensions", {}).items()})
            old_dimensions.update({str(k): v for k, v in data.get("dimensions_until_2565", {}).items()})
            lines = text.split("\n")
            sound = _sound_texts(data, source, lines, layer != "built-in" and builtin, builtin_texts,
                                 builtin_sentences, texts, problems)
            texts.update(sound)
            if layer != "built-in" and hasattr(data.get("texts"), "pos_of"):
                reworded_at.update({str(key): (source, *data["texts"].pos_of(key)) for key in sound})
            for block in data.get("issues", []):
                for year in block["frameworks"]:
                    issues.setdefault(int(year), {}).update({str(k): str(v) for k, v in block["texts"].items()})
            oit_default[""] = data.get("oit_default", oit_default[""])
            oit_default["previous"] = data.get("oit_default_previous_year", oit_default["previous"])
            given_only.update({int(k): str(v) for k, v in data.get("given_only", {}).items()})
            limits.update(data.get("limits", {}))
            legal_basis.update({str(k): str(v) for k, v in data.get("legal_basis", {}).items()})
            for i, raw in enumerate(data.get("recommendations", [])):
                line = data["recommendations"].line_of(i)
                if raw["id"] in seen:
                    problems.append(Problem(source, f"recommendation id '{raw['id']}' is used twice in this folder "
                                                    f"(also in {seen[raw['id']]})", line))
                    continue
                seen[raw["id"]] = source
                rid = raw["id"]
                problems.extend(_placeholder_problems(raw, rid, line, source, lines))
                if _most_placeholders(plain(raw)) > MAX_PLACEHOLDERS:
                    problems.append(Problem(source, f"recommendation '{raw['id']}': a text holds "
                                                    f"{_most_placeholders(plain(raw))} placeholders; a text may hold "
                                                    f"at most {MAX_PLACEHOLDERS}", line))
                    continue
                timeline = raw.get("timeline")
                if timeline and timeline["from"] > timeline["to"]:
                    problems.append(Problem(source, f"recommendation '{raw['id']}': timeline ends before it starts",
                                            *(raw.pos_of("timeline") if hasattr(raw, "pos_of") else (line, None))))
                if "owner" in raw and hasattr(raw, "pos_of"):
                    owner_at[raw["id"]] = (source, *raw.pos_of("owner"))
                switched_off.pop(raw["id"], None)  # (a later layer wrote it anew)
                recs[raw["id"]] = Recommendation(raw["id"], raw["kind"], raw["title"], tuple(raw.get("indicators", [])),
                                                 plain(raw), source, line, layer, written.get(i, frozenset()),
                                                 data["recommendations"].pos_of(i)[1],
                                                 dict(getattr(raw, "key_lines", {})),
                                                 layer == "built-in" or (rid in recs and recs[rid].builtin))
        if layer == "built-in":
            builtin_texts = set(texts)
            builtin_sentences = {str(k): str(v) for k, v in texts.items()}
    _check_owners(recs, owners, owner_at, problems)
    for rid, owner, source, line, column in late_owners:
        unknown = _unknown_owner(rid, owner, owners, source, line, column)
        if unknown is not None:
            problems.append(unknown)
    return Catalogue(recs, owners, dimensions, texts, old_dimensions, issues, oit_default[""],
                     oit_default["previous"], given_only, limits, legal_basis, unchecked, reworded_at,
                     builtin_sentences, switched_off, switched_off_titles)


def _sound_texts(data: Any, source: str, lines: list[str], office: bool, builtin_texts: set[str],
                 builtin_sentences: dict[str, str], texts: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    """The sentences of a file's texts: that may be used (``office``: a layer over the built-in sentences, which
    rewords only those and with their placeholders); what is wrong with the others added to ``problems``."""
    sound: dict[str, str] = {}
    for key, sentence in (data.get("texts") or {}).items():
        if office and not _text_key_known(str(key), builtin_texts):
            # a misspelt key (agency_fallbak) changed no sentence, and the office believed it had
            near = difflib.get_close_matches(str(key), sorted(builtin_texts), n=1, cutoff=0.6)
            at = data["texts"].pos_of(key) if hasattr(data["texts"], "pos_of") else (None, None)
            suggestion = near[0] if near else ""
            problems.append(Problem(source, (
                f"texts: '{key}' is not a sentence of the documents (no such key among the built-in "
                f"settings.yaml's texts), so it changes nothing; did you mean '{suggestion}'?") if near else (
                f"texts: '{key}' is not a sentence of the documents (no such key among the built-in "
                "settings.yaml's texts), so it changes nothing; write the key of the sentence to reword as "
                "settings.yaml names it"), *at))
            continue
        if _most_placeholders(sentence) > MAX_PLACEHOLDERS:
            problems.append(Problem(source, f"texts: '{key}' holds {_most_placeholders(sentence)} placeholders; "
                                            f"a text may hold at most {MAX_PLACEHOLDERS}",
                                    data["texts"].line_of(key) if hasattr(data["texts"], "line_of") else None))
            continue
        at = data["texts"].pos_of(key) if hasattr(data["texts"], "pos_of") else (1, 1)
        allowed = allowed_placeholders(str(key), str(builtin_sentences[key])) \
            if office and key in builtin_sentences else None
        named = set(allowed) if allowed else set(PLACEHOLDER.findall(texts.get(key, ""))) or KNOWN_PLACEHOLDERS
        stray = stray_braces(str(sentence), named, doubled_escape=True) if isinstance(sentence, str) else []
        for brace in stray:
            reason = brace.reason
            problems.append(Problem(source, f"texts: the sentence '{key}': {reason}",
                                    *locate(lines, at, sentence, brace.start, brace.fragment)))
        wrong = _override_problems(str(key), str(sentence), allowed, str(builtin_sentences.get(key, "")),
                                   source, lines, at) if allowed is not None else []
        problems.extend(wrong)
        if not stray and not wrong:
            sound[key] = sentence
    return sound


def _placeholder_problems(raw: Any, rid: str, line: int, source: str, lines: list[str]) -> list[Problem]:
    """A brace in an entry's texts that drafting would print as typed, and a well-formed name it does not know (each
    at the place in the file where it is written, with the name most likely meant)."""
    problems: list[Problem] = []
    for typed_key, sentence, at in written_texts(raw, (line, 1), ""):
        # a brace drafting would print as typed, and a well-formed name it does not know (each at the
        # place in the file where it is written, with the name most likely meant)
        for brace in stray_braces(sentence, KNOWN_PLACEHOLDERS):
            reason = brace.reason
            problems.append(Problem(source, f"recommendation '{rid}', in {typed_key}: {reason}",
                                    *locate(lines, at, sentence, brace.start, brace.fragment)))
        for match in PLACEHOLDER.finditer(sentence):
            name = match.group(1)
            if name in KNOWN_PLACEHOLDERS or sentence[max(match.start() - 1, 0):match.start()] == "{":
                continue
            near = difflib.get_close_matches(name, sorted(KNOWN_PLACEHOLDERS), n=1, cutoff=0.6)
            shown, key = match.group(0), typed_key
            known = ", ".join("{" + k + "}" for k in sorted(KNOWN_PLACEHOLDERS))
            if near:
                suggestion = "{" + near[0] + "}"
                message = (f"recommendation '{rid}': unknown placeholder {shown} in {key}: did you mean "
                           f"{suggestion}? (known: {known})")
            else:
                message = f"recommendation '{rid}': unknown placeholder {shown} in {key}: (known: {known})"
            problems.append(Problem(source, message, *locate(lines, at, sentence, match.start(), shown)))
    return problems


def _placeholders_of_refused(data: Any, bad_paths: list[list], source: str, lines: list[str], office: bool,
                             builtin_texts: set[str], builtin_sentences: dict[str, str], texts: dict[str, str]
                             ) -> list[Problem]:
    """Of a recommendations file the schema refused, the placeholder problems of what can still be read: its
    texts: when the schema took them, and the texts written in each entry that has an id."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    if isinstance(data.get("texts"), dict) and not any(path[:1] in ([], ["texts"]) for path in bad_paths):
        _sound_texts(data, source, lines, office, builtin_texts, builtin_sentences, texts, problems)
    entries = data.get("recommendations")
    for i, raw in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(raw, LineDict) and isinstance(raw.get("id"), str):
            problems += _placeholder_problems(raw, raw["id"], data["recommendations"].line_of(i), source, lines)
    return problems


THAI = re.compile("[\u0e01-\u0e5b]")
_OWNER_TEXT = re.compile(r"owner_[a-z0-9_]+_(?:sao|municipality)")  # a role's unit as a kind of agency names it


def _override_problems(key: str, sentence: str, allowed: list[str], builtin_sentence: str, source: str,
                       lines: list[str], at: tuple[int, int]) -> list[Problem]:
    """An office's rewording of the sentence ``key``: a placeholder drafting does not fill there (``{codee}``,
    printed as typed), and a figure or a code its built-in wording prints that it leaves out (``{code}``: the
    published row no longer names the question)."""
    problems = []
    listed = ", ".join("{" + name + "}" for name in allowed) or "-"
    suggested: set[str] = set()  # a misspelt placeholder's suggestion is not also reported as left out
    for match in _FIELD.finditer(sentence):
        name = match.group(1)
        if not name or name in allowed:
            continue
        shown = match.group(0)
        near = nearest(name, allowed)
        where = locate(lines, at, sentence, match.start(), shown)
        if near:
            suggested.add(near)
            suggestion = "{" + near + "}"
            problems.append(Problem(source, f"texts: the sentence '{key}': {shown} is not one of its placeholders, so "
                                            f"it would be printed as it is; did you mean {suggestion}? (its "
                                            f"placeholders: {listed}; itaplan rules texts KEY shows the built-in sentence)",
                                    *where))
        elif not allowed:  # a sentence with none: said so in words, not with a dash
            problems.append(Problem(source, f"texts: the sentence '{key}': {shown} is not one of its placeholders, so "
                                            "it would be printed as it is (its placeholders: none; itaplan rules "
                                            "texts KEY shows the built-in sentence)", *where))
        else:
            problems.append(Problem(source, f"texts: the sentence '{key}': {shown} is not one of its placeholders, so "
                                            f"it would be printed as it is (its placeholders: {listed}; itaplan "
                                            "rules texts KEY shows the built-in sentence)", *where))
    kept = set(sentence_placeholders(sentence))
    dropped = [name for name in sentence_placeholders(builtin_sentence)
               if name in FIGURE_PLACEHOLDERS and name not in kept and name not in suggested]
    if dropped:
        missing = ", ".join("{" + name + "}" for name in dropped)
        problems.append(Problem(source, f"texts: the sentence '{key}' leaves out {missing}, a figure, a code or an EIT "
                                        f"part the built-in sentence prints, so the documents would say less than the "
                                        f"results do (two parts' rows could read alike); write them back (its placeholders: {listed}; itaplan rules texts KEY "
                                        "shows the built-in sentence)", *at))
    return problems


def _text_key_known(key: str, known: set[str]) -> bool:
    """A key of the documents' sentences, or the unit of a role (an office's own too) as one kind of agency names it."""
    return key in known or bool(_OWNER_TEXT.fullmatch(key))


def _check_owners(recs: dict[str, Recommendation], owners: dict[str, str], owner_at: dict[str, tuple[str, int, int]],
                  problems: list[Problem]) -> None:
    """An owner is a role of settings.yaml's owners: (mapped to the agency's unit) or a unit named in Thai: a
    misspelt role (auditt) would be printed as it is in the Thai document."""
    for rec in recs.values():
        owner = rec.data.get("owner", "all")
        if not isinstance(owner, str) or owner in owners or THAI.search(owner) or rec.id not in owner_at:
            continue
        source, line, column = owner_at[rec.id]
        unknown = _unknown_owner(rec.id, owner, owners, source, line, column)
        if unknown is not None:
            problems.append(unknown)


def _unknown_owner(rid: str, owner: str, owners: dict[str, str], source: str, line: int, column: int
                   ) -> Problem | None:
    """The problem of an owner that is neither a role of owners: nor a unit named in Thai (None when it is one)."""
    if owner in owners or THAI.search(owner):
        return None
    close = difflib.get_close_matches(owner, sorted(owners), n=1, cutoff=0.6)
    roles = ", ".join(sorted(owners))
    return Problem(source, (f"recommendation '{rid}': owner '{owner}' is neither a role ({roles}) nor "
                            f"a unit's name in Thai; did you mean '{close[0]}'?") if close else (
                            f"recommendation '{rid}': owner '{owner}' is neither a role ({roles}) nor "
                            "a unit's name in Thai; a new role goes under owners: in a recommendations "
                            "file"), line, column)


def _owners_of_sound_entries(data: Any, bad_paths: list[list], source: str, owners: dict[str, str],
                             problems: list[Problem]) -> list[tuple[str, str, str, int, int]]:
    """Of a recommendations file the schema refused, the owner of each entry whose owner: the schema took (an entry
    refused for its indicators: or dimension: still has a readable owner: — owner: ofice beside indicators: [11] was
    said only once the numbers were fixed), with where it is written; a readable timeline: that ends before it
    starts added to ``problems``; the roles of its owners: added to ``owners`` when the schema took them."""
    if not isinstance(data, dict):
        return []
    if isinstance(data.get("owners"), dict) and not any(path[:1] == ["owners"] for path in bad_paths):
        owners.update({str(k): v for k, v in data["owners"].items()})
    entries = data.get("recommendations")
    if not isinstance(entries, list) or any(path in ([], ["recommendations"]) for path in bad_paths):
        return []
    found = []
    for i, raw in enumerate(entries):
        if not isinstance(raw, LineDict) or not isinstance(raw.get("id"), str):
            continue
        bad = {str(path[2]) for path in bad_paths if len(path) >= 3 and path[:2] == ["recommendations", i]}
        if "owner" not in bad and isinstance(raw.get("owner"), str):
            found.append((raw["id"], raw["owner"], source, *raw.pos_of("owner")))
        timeline = raw.get("timeline")
        if "timeline" not in bad and isinstance(timeline, dict) and all(
                isinstance(timeline.get(key), int) and not isinstance(timeline.get(key), bool) for key in ("from", "to")) \
                and timeline["from"] > timeline["to"]:
            problems.append(Problem(source, f"recommendation '{raw['id']}': timeline ends before it starts",
                                    *raw.pos_of("timeline")))
    return found


def issue_coverage(catalogue: Catalogue, years: list[int] | None = None) -> list[Problem]:
    """Every question of every framework year must reach a ประเด็น written for its meaning in that year: its own
    sentence for IIT and EIT questions, its own or the OIT default (filled with the item's title) for OIT items."""

    problems = []
    for year in years or builtin_years():
        fw = load_framework(year)
        missing = [code for code, q in fw.questions.items() if not catalogue.issue_for(year, code, q.title, q.tool)]
        if missing:
            problems.append(Problem("recommendations", f"fiscal year {year}: no ประเด็น (issues:) for "
                                                       f"{', '.join(missing)}; write one per code in an issues: block "
                                                       f"with frameworks: [{year}]"))
        for number in range(1, 11):
            if number not in catalogue.given_only:
                problems.append(Problem("recommendations", f"given_only: no sentence for indicator {number} "
                                                           "(what to review when only its score is known)"))
        unknown = sorted(set(catalogue.issues.get(year, {})) - set(fw.questions))
        if unknown:
            problems.append(Problem("recommendations", f"issues for fiscal year {year} name codes that year does not "
                                                       f"have: {', '.join(unknown)}"))
    return list(dict.fromkeys(problems))
