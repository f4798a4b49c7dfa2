"""The search index: tantivy (the Rust engine behind Quickwit, through tantivy-py) in a directory
beside the database file, ``<db stem>.search/`` (as the page store is ``<db stem>.pages/``).

DuckDB stays the source of truth. The index is derived from ``articles`` (and each article's
officials) and can be rebuilt from it at any time (``pipeline.py reindex``); after every load,
``sync`` brings it in step by article id: it compares what the index holds (a manifest of article
ids and versions kept beside it) with the articles that should be searchable, deletes the entries
of articles that changed or went, and adds the new and changed ones. Running it again with nothing
changed does nothing.

What is searchable: every article that is not a syndicated copy, by the rule of ``copies`` (the
one ``load.link_duplicates`` writes into ``duplicate_of``: the index never depends on whether the
links were written yet). Each entry holds:

- ``toned`` and ``folded``: title and body, cut into syllables with positions (so phrases work),
  once tone-normalised (``hoà`` = ``hòa``, not ``hóa``) and once without diacritics (``đ`` ->
  ``d``): a syllable typed with diacritics is looked up in the first, one typed without in the
  second (``query_language``);
- ``person_toned`` / ``person_folded``: the names of the officials the NLP stage found, for
  ``--person``;
- ``province``: the provinces the article is about, by the gazetteer of ``nlp.context``: those
  named in its title, or failing that the first one named in its lead paragraph (without
  diacritics, lower case); ``--province`` also takes the articles of that province's portals;
- ``source``, ``day`` (``coalesce(published, event_date)`` as a day number) for filters;
- ``key`` (the article id as a number) and ``version`` (when it was extracted) to tell a current
  entry from a replaced one;
- ``row``: what a result shows (title, url, source, dates, body, officials' names), stored, not
  searched: a search of an index seen in step with the very database file it sits beside
  (``stored_search_ready``) is answered without DuckDB (``stored_search``).

Crash safety: DuckDB and the index commit separately. A load bumps ``articles_generation`` in its
own transaction; a sync records the generation it reached in ``sync.json``, and first writes the
ids it is about to change to ``journal.npy`` (removed when it is done). Whoever next opens the
index (a load, ``search``, ``reindex``) and finds a journal, a generation behind the database's or
no finished build, while no run is loading, brings it in step; the ids of the journal are deleted
and added again, which is harmless if the interrupted sync had got that far. Between a load and
its sync a query may find an entry whose article has since been replaced or has become a copy:
every result is checked against DuckDB (same version, not a copy) before it is returned. Only
when DuckDB has shown the index in step (``open_index`` then records the database file's inode,
size and write time) and the file has not been written since, nor has a WAL, does a search skip
DuckDB: a commit goes to the WAL and then into the file, either of which ends that.

A different ``FORMAT`` (this module's layout and analyzers) or tantivy version means a different
index: it is built anew by itself, in its own folder, the old one removed afterwards.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy

from nlp.context import provinces_in
from nlp.normalize import strip_diacritics, view_text

from .copies import ORIGINALS
from .query_language import FOLDED, TONED, ParsedQuery, Phrase, Term, analyzed

if TYPE_CHECKING:  # numpy is imported where a sync needs it: `pipeline.py search` starts 0.1 s sooner
    import numpy as np

FORMAT = 4  # bump when a field, an analyzer or what a field holds changes: the index is rebuilt
# (2: ``source`` a fast field too, for counting matches per source: ``spread``; 3: ``row``, what a
# result shows, stored, so that a search in step with the database needs no DuckDB: ``stored_search``;
# 4: the body stored apart from ``row``)
TANTIVY = tantivy.__version__
BUILD_HEAP = 500_000_000  # bytes the writer buffers before writing a segment, when (re)building
# DuckDB's memory while a whole index is built: the articles are read once, in order, so a big buffer
# pool only keeps pages nobody reads again. At 1M articles, 1 GB of heap and DuckDB's usual 3 GB gave a
# build of 265 s in 5.8 GB; this heap and 1 GB, 224 s in 2.7 GB (benchmarks/RESULTS.md).
BUILD_DUCKDB_MEMORY = "1GB"
SYNC_HEAP = 200_000_000  # ... when adding a load's articles
THREADS = max(1, min(4, os.cpu_count() or 1))
CHUNK = 5_000  # articles read from DuckDB at a time
LEAD_CHARS = 500  # the lead paragraph, where a report says where it happened, is at most this long
POOL = 50  # the best matches by their words that the neighbouring-syllable boost re-ranks (ranked())
PHRASE_SCAN = 10_000  # a run whose rarest syllable is in at most this many articles is also looked up as a phrase
PAIR_BOOST, RUN_BOOST = 1.0, 1.0  # weight of two neighbouring syllables, and of a whole run, found as a phrase


class SearchUnavailable(RuntimeError):
    """The index cannot be used now (being built by another process, or no database file)."""


def index_root(db) -> Path:
    """``data/news.duckdb`` -> ``data/news.search/``."""
    return Path(db).with_suffix(".search")


def _index_dir(db) -> Path:
    return index_root(db) / f"f{FORMAT}"


_PATHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # connection -> its file


def db_path_of(con) -> Path:
    """The file a DuckDB connection has open."""
    if con not in _PATHS:
        row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
        if not row or not row[0]:
            raise SearchUnavailable("search needs a database file (an in-memory database has no index beside it)")
        _PATHS[con] = Path(row[0])
    return _PATHS[con]


# -- the layout --------------------------------------------------------------------------------
def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("key", indexed=True, fast=True)
    sb.add_integer_field("version", fast=True)
    for name in ("toned", "person_toned"):
        sb.add_text_field(name, tokenizer_name="vi_toned", index_option="position")
    for name in ("folded", "person_folded"):
        sb.add_text_field(name, tokenizer_name="vi_folded", index_option="position")
    sb.add_text_field("province", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("source", fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("day", indexed=True, fast=True)
    # what a result shows, stored, not searched: title, url, source, dates and officials' names
    # (for --person checks) as JSON, and the body (for the snippet) as UTF-8 apart (escaping a
    # body into JSON was 30 s of a 1M build, its bytes 6 s)
    sb.add_bytes_field("row", stored=True)
    sb.add_bytes_field("body", stored=True)
    return sb.build()


SCHEMA = _schema()
Q, OCCUR = tantivy.Query, tantivy.Occur


def _open_index(path: Path, create: bool = False) -> tantivy.Index:
    if create:
        path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
    else:
        index = tantivy.Index.open(str(path))
    index.register_tokenizer("vi_toned", TONED)
    index.register_tokenizer("vi_folded", FOLDED)
    return index


def article_id_of(key: int) -> str:
    return f"{key:016x}"


def province_key(name: str) -> str:
    """How provinces are compared: without diacritics, lower case, single spaces."""
    return " ".join(strip_diacritics(name).split())


# DuckDB side: the articles that should be searchable, read once per sync into a temporary table
# (temporary tables work on a read-only connection too)
_KEY = "TRY_CAST('0x' || a.article_id AS UBIGINT)"


def _select_wanted(con, linked: bool) -> None:
    """``search_wanted`` (article_id, key, version): every article the index should hold. When the
    copies were just linked (``linked``: a load's finish), those with no ``duplicate_of``; else by
    the rule itself (``copies.ORIGINALS``: a reader repairing after a crash may find them unlinked)."""
    which = "a.duplicate_of IS NULL" if linked else f"a.article_id IN ({ORIGINALS})"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE search_wanted AS
                    SELECT a.article_id, {_KEY} AS key, epoch_us(a.extracted_at) AS version
                    FROM articles a WHERE {which} AND {_KEY} IS NOT NULL""")


def _wanted(con) -> tuple[np.ndarray, np.ndarray]:
    """(key, version) of every article the index should hold, sorted by key (``_select_wanted`` first)."""
    import numpy as np

    got = con.execute("SELECT key, version FROM search_wanted ORDER BY key").fetchnumpy()
    return np.asarray(got["key"], dtype=np.uint64), np.asarray(got["version"], dtype=np.int64)


_COLUMNS = f"""{_KEY}, epoch_us(a.extracted_at), a.title, a.body, a.source_id,
               datediff('day', DATE '1970-01-01', coalesce(a.published, a.event_date)),
               a.url, strftime(a.published, '%Y-%m-%d'), strftime(a.event_date, '%Y-%m-%d')"""
LOOKUP = 2_000  # ids looked up per query: DuckDB reads them through the primary key's index up to 2,048


def _batches(con, ids: list[str] | None):
    """Lists of the rows an index entry is made of (key, version, title, body, source, day, url,
    published, event date, names),
    for the wanted articles: all of them, or those in ``ids``, which are looked up by key a few
    thousand at a time (a join would read every body of the table)."""
    if ids is None:
        result = con.execute(f"""
            SELECT {_COLUMNS}, o.names
            FROM articles a SEMI JOIN search_wanted w USING (article_id)
            LEFT JOIN (SELECT article_id, list(name) AS names FROM officials GROUP BY 1) o USING (article_id)""")
        while rows := result.fetchmany(CHUNK):
            yield rows
        return
    for lo in range(0, len(ids), LOOKUP):
        listed = ", ".join(f"'{aid}'" for aid in ids[lo:lo + LOOKUP])  # hex digits only; binding imports pandas
        names = dict(con.execute(f"SELECT article_id, list(name) FROM officials WHERE article_id IN ({listed}) "
                                 "GROUP BY 1").fetchall())
        yield [(*row[1:], names.get(row[0])) for row in con.execute(
            f"SELECT a.article_id, {_COLUMNS} FROM articles a WHERE a.article_id IN ({listed})").fetchall()]


def _document(key, version, title, body, source_id, day, url, published, event_date, names) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_bytes("row", json.dumps([title, url, source_id, published, event_date, list(names or ())],
                                    ensure_ascii=False).encode())
    doc.add_bytes("body", (body or "").encode())
    title, body = view_text(title or ""), view_text(body or "")  # (the view: provinces are found in it)
    doc.add_unsigned("key", int(key))
    doc.add_integer("version", int(version))
    provinces = provinces_in(title) or provinces_in(body[:LEAD_CHARS].split("\n", 1)[0], limit=1)
    title, body = title.lower(), body.lower()  # what the analyzers read: query_language.analyzed
    for field in ("toned", "folded"):
        if title:
            doc.add_text(field, title)
        doc.add_text(field, body)  # a second value: no phrase runs from the title into the body
    for name in provinces:
        doc.add_text("province", province_key(name))
    doc.add_text("source", source_id or "")
    if day is not None:
        doc.add_integer("day", int(day))
    for name in names or ():
        name = analyzed(name)
        doc.add_text("person_toned", name)
        doc.add_text("person_folded", name)
    return doc


# -- the state beside the index ----------------------------------------------------------------
def _read_state(folder: Path) -> dict | None:
    try:
        state = json.loads((folder / "sync.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = state.get("format") == FORMAT and state.get("tantivy") == TANTIVY and not state.get("building")
    return state if ok else None


def _write_atomically(path: Path, write) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _write_state(folder: Path, **state) -> None:
    state = {"format": FORMAT, "tantivy": TANTIVY, **state}
    _write_atomically(folder / "sync.json", lambda fh: fh.write(json.dumps(state).encode()))


def _save_array(path: Path, array: np.ndarray) -> None:
    import numpy as np

    _write_atomically(path, lambda fh: np.save(fh, array))


def _manifest(folder: Path) -> tuple[np.ndarray, np.ndarray] | None:
    """What the index holds (key and version of each entry), or None if that is not known."""
    import numpy as np

    try:
        held = np.load(folder / "manifest.npy")
        return held["key"], held["version"]
    except (OSError, ValueError, KeyError):
        return None


def _journal(folder: Path) -> np.ndarray | None:
    import numpy as np

    try:
        return np.load(folder / "journal.npy")
    except (OSError, ValueError):
        return None


def generation(con) -> int:
    """How many changes to articles the database has committed (``articles_generation``)."""
    return con.execute("SELECT generation FROM articles_generation").fetchone()[0]


@contextlib.contextmanager
def _writing(db, wait: bool = True):
    """The index's writer lock (one writer at a time, across processes); yields False instead of
    waiting when ``wait`` is false and another process holds it."""
    root = index_root(db)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# -- bringing the index in step ----------------------------------------------------------------
def sync(con, db=None, *, rebuild: bool = False, progress=None, linked: bool = False) -> int:
    """Bring the index in step with the database (``con``, which only needs to read): delete the
    entries of articles that changed or went, add the new and changed ones, commit. Builds the
    index from scratch when there is none of this format, or when ``rebuild``. ``linked``: the
    copies were linked in a transaction committed just before (``load.finish_load``), so the
    searchable articles are those with no ``duplicate_of`` (no window over every article to
    apply the rule again). Returns how many articles were indexed. Takes the writer lock (waits
    for another process's sync)."""
    db = Path(db) if db is not None else db_path_of(con)
    with _writing(db):
        return _sync_locked(con, db, rebuild=rebuild, progress=progress, linked=linked)


def _sync_locked(con, db: Path, *, rebuild: bool, progress, linked: bool = False) -> int:
    import numpy as np

    folder = _index_dir(db)
    state = _read_state(folder)
    full = rebuild or state is None or not _compatible(folder) or _manifest(folder) is None
    with _snapshot(con), _duckdb_memory(con, BUILD_DUCKDB_MEMORY if full else None):  # the generation, ids and rows agree
        gen = generation(con)
        _select_wanted(con, linked)
        keys, versions = _wanted(con)
        if full:
            fresh = not _exists(folder) or not _compatible(folder)
            if fresh:  # another format or tantivy, or half a first build: start from an empty folder
                shutil.rmtree(folder, ignore_errors=True)
            index = _open_index(folder, create=fresh)
            _write_state(folder, generation=None, building=True)
            (folder / "journal.npy").unlink(missing_ok=True)
            adds, deletes = keys, None
        else:
            index = _open_index(folder)
            held_keys, held_versions = _manifest(folder)
            at = np.searchsorted(held_keys, keys)
            inside = at < len(held_keys)
            found = np.zeros(len(keys), dtype=bool)
            found[inside] = held_keys[at[inside]] == keys[inside]
            same = np.zeros(len(keys), dtype=bool)
            same[found] = held_versions[at[found]] == versions[found]
            journal = _journal(folder)
            journal = journal if journal is not None else np.zeros(0, np.uint64)
            # what an interrupted sync was changing is deleted, and added again if still wanted
            redo = np.isin(keys, journal)
            adds = keys[~same | redo]
            gone = held_keys[~np.isin(held_keys, keys)]
            deletes = np.unique(np.concatenate([gone, keys[(found & ~same) | redo], journal]))
            if not len(adds) and not len(deletes):
                if state.get("generation") != gen:
                    _write_state(folder, generation=gen, articles=int(len(keys)))
                return 0
            _save_array(folder / "journal.npy", np.union1d(deletes, adds).astype(np.uint64))
        writer = index.writer(heap_size=BUILD_HEAP if full or len(adds) > 50_000 else SYNC_HEAP, num_threads=THREADS)
        try:
            if full:
                writer.delete_all_documents()
            else:  # (by a query: deleting by a u64 term looks for an i64 one and finds nothing)
                keys_gone = deletes.tolist()
                for lo in range(0, len(keys_gone), 10_000):
                    writer.delete_documents_by_query(Q.term_set_query(SCHEMA, "key", keys_gone[lo:lo + 10_000]))
            _add(con, writer, None if full else [article_id_of(k) for k in adds.tolist()], len(adds), progress)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.rollback()
            del writer  # its lock goes with it, not with the traceback that would keep it alive
            raise
    manifest = np.empty(len(keys), dtype=[("key", np.uint64), ("version", np.int64)])
    manifest["key"], manifest["version"] = keys, versions
    _save_array(folder / "manifest.npy", manifest)
    _write_state(folder, generation=gen, articles=int(len(keys)))
    (folder / "journal.npy").unlink(missing_ok=True)
    if full:
        _remove_other_formats(db)
    return int(len(adds))


@contextlib.contextmanager
def _duckdb_memory(con, limit: str | None):
    """DuckDB's memory limit set to ``limit`` for a while (None: left as it is), then back to the
    limit every connection of this tool has (``warehouse.db.MEMORY_LIMIT``; DuckDB reports a limit
    rounded, so the one read before could not be put back exactly)."""
    if limit is None:
        yield
        return
    from .db import MEMORY_LIMIT

    con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")


def _exists(folder: Path) -> bool:
    try:
        return folder.is_dir() and tantivy.Index.exists(str(folder))
    except (ValueError, OSError):
        return False


@contextlib.contextmanager
def _snapshot(con):
    """One read transaction on ``con``."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _compatible(folder: Path) -> bool:
    try:
        return _exists(folder) and tantivy.Index.is_compatible(str(folder))
    except (ValueError, OSError):
        return False


def _add(con, writer, ids: list[str] | None, total: int, progress) -> None:
    batches = _batches(con, ids)
    if progress:
        batches = progress(batches, total=-(-total // (CHUNK if ids is None else LOOKUP)))
    for rows in batches:
        for row in rows:
            writer.add_document(_document(*row))


def _remove_other_formats(db) -> None:
    for other in index_root(db).glob("f*"):
        if other.is_dir() and other.name != f"f{FORMAT}":
            shutil.rmtree(other, ignore_errors=True)


def loading(con) -> bool:
    """A run is loading into the database now (its process is alive): the index is behind on
    purpose, its sync comes at the end of the run."""
    for (details,) in con.execute("SELECT details FROM runs WHERE status = 'running'").fetchall():
        pid = (json.loads(details) if details else {}).get("pid")
        try:
            if pid and int(pid) != os.getpid():
                os.kill(int(pid), 0)
                return True
        except (OSError, ValueError):
            continue
    return False


# -- reading -----------------------------------------------------------------------------------
_OPEN: dict = {}  # index folder -> (sync.json mtime, its state, Index): one open index per process


def open_index(con, db=None, *, repair: bool = True, notice=None) -> tantivy.Index:
    """The index to search, brought in step first when it is behind the database and nobody is
    loading (a crash between the two commits, a new format, no index yet): at the next open."""
    db = Path(db) if db is not None else db_path_of(con)
    folder = _index_dir(db)
    stamp = _stamp(folder)
    cached = _OPEN.get(folder)
    state = cached[1] if cached and cached[0] == stamp else _read_state(folder)
    behind = (state is None or state.get("generation") != generation(con) or (folder / "journal.npy").exists()
              or not (cached and cached[0] == stamp) and not _compatible(folder))
    if behind and repair and not loading(con):
        try:
            with _writing(db, wait=False) as mine:
                if mine:
                    if notice and (state is None or not _compatible(folder)):
                        notice("building the search index (none of this version yet); this runs once")
                    _sync_locked(con, db, rebuild=False, progress=None)
                    stamp, cached = _stamp(folder), None
                    state = _read_state(folder)
                    behind = False
        except PermissionError:  # a database read where the index cannot be written: searched as it is
            pass
    if state and not behind:
        remembered = _remember_database(folder, state, db)
        if remembered is not state:
            state, stamp = remembered, _stamp(folder)
    if cached and cached[0] == stamp:
        return cached[2]
    if not _compatible(folder):
        raise SearchUnavailable("the search index is not ready: another process is building it (a run builds it "
                                "when it finishes loading); try again when it is done, or run `pipeline.py reindex`")
    index = _open_index(folder)
    _OPEN[folder] = (stamp, state, index)
    return index


def _database_signature(db: Path) -> list[int] | None:
    """What tells the database file from a changed or another one: its inode, size and the time it
    was last written. DuckDB writes a commit to ``<db>.wal`` first and into the file at a
    checkpoint, so the file alone does not change while a WAL is there: then there is none."""
    try:
        if Path(f"{db}.wal").exists():
            return None
        st = os.stat(db)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _remember_database(folder: Path, state: dict, db: Path) -> dict:
    """Record, when DuckDB has just shown the index in step, which database file it is in step
    with (``stored_search_ready``); the state as it now is. Skipped where the index cannot be
    written, and when it is recorded already (the open index is then kept)."""
    signature = _database_signature(db)
    if signature is None or state.get("database") == signature:
        return state
    remembered = {**{k: v for k, v in state.items() if k not in ("format", "tantivy")}, "database": signature}
    try:
        _write_state(folder, **remembered)
    except OSError:
        return state
    return _read_state(folder) or state


def stored_search_ready(db) -> bool:
    """Whether the index can answer a search by itself, rows and all, without opening DuckDB: it
    was last seen in step with this very database file (same inode, size and write time, no WAL:
    nothing written since; ``open_index`` records that whenever DuckDB shows it in step), and no
    sync is half done. Otherwise a search reads DuckDB, which also brings the index in step."""
    db = Path(db)
    folder = _index_dir(db)
    state = _read_state(folder)
    if not state or state.get("generation") is None or (folder / "journal.npy").exists():
        return False
    signature = _database_signature(db)
    return signature is not None and state.get("database") == signature


def stored(searcher, address) -> tuple:
    """What a result shows of an entry: (title, url, source_id, published, event_date, body, names)."""
    doc = searcher.doc(address)
    title, url, source_id, published, event_date, names = json.loads(doc.get_first("row"))
    return title, url, source_id, published, event_date, doc.get_first("body").decode(), names


def _stamp(folder: Path):
    """What tells an open index from a newer one: when sync.json was last written."""
    try:
        return (folder / "sync.json").stat().st_mtime_ns
    except OSError:
        return None


# -- queries -----------------------------------------------------------------------------------


@dataclass
class Filters:
    sources: tuple[str, ...] = ()  # any of these source ids (a --source)
    province: str | None = None  # a province key: articles about it (or from its portals)
    province_sources: tuple[str, ...] = ()
    since: int | None = None  # day numbers, inclusive
    until: int | None = None
    person: tuple[Term, ...] = ()  # part of an official's name


def _term(field: str, text: str):
    return Q.term_query(SCHEMA, field, text)


def _phrase_query(phrase: Phrase, toned: str = "toned", folded: str = "folded"):
    """A phrase (or word) routed by diacritics, and whether a match must be checked against the
    text (``mixed`` phrases: the index finds the syllables in place without diacritics and the
    ones typed with diacritics somewhere; ``check`` confirms they are the ones in place)."""
    terms = phrase.terms
    routing = phrase.routing
    if len(terms) == 1:
        t = terms[0]
        return (_term(toned, t.toned) if t.has_diacritics else _term(folded, t.folded)), False
    if routing == "toned":
        return Q.phrase_query(SCHEMA, toned, [t.toned for t in terms]), False
    base = Q.phrase_query(SCHEMA, folded, [t.folded for t in terms])
    if routing == "folded":
        return base, False
    marked = [_term(toned, t.toned) for t in terms if t.has_diacritics]
    return Q.boolean_query([(OCCUR.Must, base)] + [(OCCUR.Must, m) for m in marked]), True


def _filter(query):
    return (OCCUR.Must, Q.const_score_query(query, 0.0))


def build(parsed: ParsedQuery, filters: Filters):
    """The tantivy clauses of a parsed query and its filters, and the checks a match still needs."""
    clauses, checks = [], []
    for clause in parsed.required:
        alternatives = []
        for phrase in clause:
            query, check = _phrase_query(phrase)
            alternatives.append(query)
            if check:
                checks.append(("phrase", clause))
        if len(alternatives) == 1:
            clauses.append((OCCUR.Must, alternatives[0]))
        else:
            clauses.append((OCCUR.Must, Q.boolean_query([(OCCUR.Should, a) for a in alternatives])))
    for phrase in parsed.excluded:
        query, check = _phrase_query(phrase)
        if check:  # only the text can say whether the syllables in place are the ones typed
            checks.append(("excluded", phrase))
        else:
            clauses.append((OCCUR.MustNot, query))
    if filters.sources:
        clauses.append(_filter(Q.term_set_query(SCHEMA, "source", list(filters.sources))))
    if filters.province:
        about = [(OCCUR.Should, _term("province", filters.province))]
        about += [(OCCUR.Should, _term("source", s)) for s in filters.province_sources]
        clauses.append(_filter(Q.boolean_query(about)))
    if filters.since is not None or filters.until is not None:
        clauses.append(_filter(Q.range_query(SCHEMA, "day", tantivy.FieldType.Integer,
                                             filters.since, filters.until)))
    if filters.person:
        query, check = _phrase_query(Phrase(filters.person), "person_toned", "person_folded")
        clauses.append(_filter(query))
        if check:
            checks.append(("person", Phrase(filters.person)))
    return clauses, checks


def text_checks(parsed: ParsedQuery, filters: Filters) -> list:
    """Every word, phrase, exclusion and person of a query as checks of a text (``passes``): what a
    match found by an older version of an article must still pass in its current text."""
    checks: list = [("phrase", clause) for clause in parsed.required]
    checks += [("excluded", phrase) for phrase in parsed.excluded]
    if filters.person:
        checks.append(("person", Phrase(filters.person)))
    return checks


def _spans(parsed: ParsedQuery):
    """The phrases that boost: each two neighbouring syllables of an unquoted run, and each whole
    run of three or more, with their weights."""
    out, seen = [], set()
    for run in parsed.runs:
        for span in [run[i:i + 2] for i in range(len(run) - 1)] + ([run] if len(run) >= 3 else []):
            if span not in seen:
                seen.add(span)
                out.append((Phrase(span), PAIR_BOOST if len(span) == 2 else RUN_BOOST))
    return out


def _rarest(searcher, terms) -> int:
    """The fewest articles any of these syllables is in (as each is looked up)."""
    return min(searcher.doc_freq("toned", t.toned) if t.has_diacritics else searcher.doc_freq("folded", t.folded)
               for t in terms)


def ranked(index: tantivy.Index, parsed: ParsedQuery, filters: Filters, want: int, searcher=None):
    """(key, version, score, address) of the matching entries, best first, as many as the caller
    reads (the address in ``searcher``'s segments, when one is given: ``stored``).

    The score is tantivy's BM25 of the query's words and phrases, plus the BM25 of each boosting
    phrase (neighbouring syllables of an unquoted run) an article has. Scoring those phrases means
    reading positions, which costs too much to do for every match of a common query, so they
    re-rank a pool: the best POOL matches by their words, and, when a run's rarest syllable is in
    at most PHRASE_SCAN articles, the best POOL where the whole run stands as a phrase (a name
    typed without quotes: its articles may have fewer of its syllables than others). When at most
    POOL articles match, the pool is all of them and the ranking exact. Past the pool, matches
    follow by their words alone."""
    clauses, _ = build(parsed, filters)
    searcher = searcher or index.searcher()
    base = Q.boolean_query(clauses)
    size = max(POOL, want)
    first = searcher.search(base, limit=size, count=True)
    spans = _spans(parsed)
    if not spans or not first.hits:
        yield from _keyed(searcher, first.hits)
        yield from _more(searcher, base, len(first.hits), first.count)
        return
    pool = [hit[0] for hit in _keyed(searcher, first.hits)]
    if first.count > len(pool):
        for run in parsed.runs:
            if _rarest(searcher, run) <= PHRASE_SCAN:
                named = searcher.search(Q.boolean_query(clauses + [(OCCUR.Must, _phrase_query(Phrase(run))[0])]),
                                        limit=size, count=False)
                pool += [hit[0] for hit in _keyed(searcher, named.hits)]
    pool = list(dict.fromkeys(pool))
    within = _among(pool)
    # each boosting phrase is looked for in the pool only (as a phrase alone it would be read
    # for every article that has its syllables)
    extra = [(OCCUR.Should, Q.boost_query(Q.boolean_query([(OCCUR.Must, within), (OCCUR.Must, _phrase_query(span)[0])]),
                                          weight)) for span, weight in spans]
    hits = searcher.search(Q.boolean_query(clauses + [(OCCUR.Must, within)] + extra), limit=len(pool), count=False).hits
    yield from _keyed(searcher, hits)
    reranked = set(pool)
    yield from (hit for hit in _more(searcher, base, len(first.hits), first.count) if hit[0] not in reranked)


def matching(index: tantivy.Index, parsed: ParsedQuery, filters: Filters) -> tuple[list[int], list[int]]:
    """(keys, versions) of every entry that matches a parsed query and its filters, in no order:
    the entries ``ranked`` would yield if read to the end, without scoring them (what counting the
    matches needs). As with ``ranked``, the checks ``build`` leaves to the text are not applied,
    and an entry may belong to an article replaced since it was indexed: ``queries.search_counts``
    checks both against DuckDB."""
    clauses, _ = build(parsed, filters)
    query = Q.const_score_query(Q.boolean_query(clauses), 0.0)
    searcher = index.searcher()
    total = searcher.search(query, limit=1, count=True).count
    if not total:
        return [], []
    addresses = [address for _, address in searcher.search(query, limit=total, count=False).hits]
    return searcher.fast_field_values("key", addresses), searcher.fast_field_values("version", addresses)


def in_step(con, db=None) -> bool:
    """Whether every entry of the index is the current version of an article that is searchable
    now: the index was synced at the database's ``articles_generation`` (which every transaction
    that changes articles bumps) and no sync was interrupted. Between a load and its sync, it is not."""
    db = Path(db) if db is not None else db_path_of(con)
    folder = _index_dir(db)
    cached = _OPEN.get(folder)
    stamp = _stamp(folder)
    state = cached[1] if cached and cached[0] == stamp else _read_state(folder)
    return bool(state) and state.get("generation") == generation(con) and not (folder / "journal.npy").exists()


def spread(index: tantivy.Index, parsed: ParsedQuery, filters: Filters) -> tuple[int, dict[int, int], dict[str, int]]:
    """(entries, {day number: entries}, {source id: entries}) of the entries matching a parsed query
    and its filters, counted inside tantivy (aggregations over the fast fields ``day`` and
    ``source``; an entry with no day is in no day's count). The same entries as ``matching``, as
    they are in the index: exact counts of what ``search`` returns only when the index is
    ``in_step`` and ``build`` leaves no check to the text (``queries.search_counts`` decides)."""
    clauses, _ = build(parsed, filters)
    query = Q.const_score_query(Q.boolean_query(clauses), 0.0)
    searcher = index.searcher()
    # (every entry has a version: its count is the number of matches, in the same pass)
    got = searcher.aggregate(query, {"entries": {"value_count": {"field": "version"}},
                                     "day": {"terms": {"field": "day", "size": 1_000_000}},
                                     "source": {"terms": {"field": "source", "size": 100_000}}})
    total = int(got["entries"]["value"] or 0)
    if not total:
        return 0, {}, {}
    days = {int(b["key"]): int(b["doc_count"]) for b in got["day"]["buckets"]}
    sources = {str(b["key"]): int(b["doc_count"]) for b in got["source"]["buckets"]}
    return total, days, sources


def _among(keys: list[int]):
    """Only these entries, scoring nothing. (A union of term queries: a term set query on the u64
    key walks the key dictionary, 0.7 ms for 200 keys in 10,000 articles and more with every article.)"""
    return Q.const_score_query(Q.boolean_query([(OCCUR.Should, Q.term_query(SCHEMA, "key", k)) for k in keys]), 0.0)


def _keyed(searcher, hits):
    """(key, version, score, address) of search hits."""
    if not hits:
        return
    addresses = [address for _, address in hits]
    keys = searcher.fast_field_values("key", addresses)
    versions = searcher.fast_field_values("version", addresses)
    # equal scores in article id order, not in the order entries happen to sit in the index
    yield from sorted(((key, version, float(score), address)
                       for (score, address), key, version in zip(hits, keys, versions)),
                      key=lambda hit: (-hit[2], hit[0]))


def _more(searcher, query, offset: int, total: int, page: int = 1000):
    while offset < total:
        hits = searcher.search(query, limit=page, offset=offset, count=False).hits
        if not hits:
            return
        yield from _keyed(searcher, hits)
        offset += len(hits)


# -- checks a match may still need -------------------------------------------------------------
def _sequence_in(phrase: Phrase, toned: list[str], folded: list[str]) -> bool:
    """The phrase's syllables, each in its own form, next to each other in a text cut into
    ``toned``/``folded`` syllables."""
    terms = phrase.terms
    n = len(terms)
    first = terms[0]
    for i in range(len(folded) - n + 1):
        if folded[i] != first.folded:
            continue
        if all((toned[i + j] == t.toned) if t.has_diacritics else (folded[i + j] == t.folded)
               for j, t in enumerate(terms)):
            return True
    return False


def _texts(values) -> list[tuple[list[str], list[str]]]:
    out = []
    for value in values:
        view = analyzed(value or "")
        out.append((TONED.analyze(view), FOLDED.analyze(view)))
    return out


def passes(checks, title: str, body: str, names: list[str]) -> bool:
    """Whether an article (its title, body and officials' names) passes the checks ``build``
    left to the text."""
    if not checks:
        return True
    texts = _texts([title, body])
    people = None
    for kind, what in checks:
        if kind == "phrase":
            if not any(_sequence_in(p, t, f) for p in what for t, f in texts):
                return False
        elif kind == "excluded":
            if any(_sequence_in(what, t, f) for t, f in texts):
                return False
        elif kind == "person":
            people = people if people is not None else _texts(names)
            if not any(_sequence_in(what, t, f) for t, f in people):
                return False
    return True
