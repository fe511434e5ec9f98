"""The `kashif` Python module against the CLI: same results, same messages, GIL released.

Run by `./kashif test` on the installed wheel (or: `pytest python/tests` in a virtual
environment where the wheel is installed, after `cargo build --release`).
"""

import json
import re
import subprocess
import threading
import time

import pytest

import kashif
from conftest import cli_error, cli_lines
from corpus import EDGE_TEXTS, SEED, anercorp_documents

DOCS = anercorp_documents(200)


def without_position(message):
    """serde's message less its ` at line L column C` (the column differs between the JSON the
    CLI was given and the one the module makes from the keyword arguments)."""
    return re.sub(r" at line \d+ column \d+$", "", message)


def test_version_is_the_clis(cli):
    out = subprocess.run([cli, "version"], capture_output=True, check=True, text=True).stdout
    assert out.strip() == f"kashif {kashif.__version__}"
    assert kashif.analyze("")["version"] == kashif.__version__


@pytest.mark.parametrize("options", [None, {"top_n": 5, "ranking": "frequency", "max_ngram": 2, "tokens": False},
                                     {"entities": False, "normalize": {"alef": False, "diacritics": False}}])
def test_each_result_equals_the_clis_line(cli, options):
    texts = DOCS + EDGE_TEXTS
    expected = cli_lines(cli, texts, options)
    assert len(expected) == len(texts)
    kwargs = options or {}
    for i, (text, want) in enumerate(zip(texts, expected)):
        assert kashif.analyze(text, **kwargs) == want, f"text {i} differs from the CLI's line"


def test_a_whole_multiline_document_equals_the_cli(cli):
    text = SEED.read_text(encoding="utf-8")
    assert "\n" in text
    out = subprocess.run([cli, "analyze", "-", "--format", "jsonl"], input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout
    want = json.loads(out)
    got = kashif.analyze(text)
    assert got == want
    assert len(got["entities"]) > 0 and len(got["keywords"]) > 0


def test_results_serialize_to_the_same_json_as_the_cli(cli):
    # Field for field above; here the dict goes back to JSON text and is compared with the CLI's
    # line after the same round trip (floats and key order included).
    text = DOCS[0]
    line = subprocess.run([cli, "analyze", "--lines", "--format", "jsonl"], input=(text + "\n").encode("utf-8"),
                          capture_output=True, check=True).stdout.decode("utf-8").strip()
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    assert dump(kashif.analyze(text)) == dump(json.loads(line))
    assert list(kashif.analyze(text)) == ["version", "tokens", "sentences", "keywords", "entities", "entity_groups", "stats"]


@pytest.mark.parametrize("jobs", [None, 1, 3])
def test_analyze_many_keeps_order_and_equals_single_calls(jobs):
    texts = DOCS[:60] + EDGE_TEXTS + DOCS[:5]
    singles = [kashif.analyze(t, top_n=7) for t in texts]
    assert kashif.analyze_many(texts, jobs=jobs, top_n=7) == singles
    # Any iterable, consumed once: a generator, a tuple.
    assert kashif.analyze_many((t for t in texts), jobs, top_n=7) == singles
    assert kashif.analyze_many(tuple(texts), top_n=7) == singles


def test_analyze_many_past_the_window():
    # More texts than the 256 the engine keeps in flight: order kept across refills.
    texts = [f"نص رقم {i} عن روسيا" if i % 3 else "" for i in range(700)]
    got = kashif.analyze_many(texts, jobs=2, tokens=False)
    assert [r["stats"]["characters"] for r in got] == [len(t) for t in texts]


def test_analyze_many_of_nothing():
    assert kashif.analyze_many([]) == []
    assert kashif.analyze_many(iter(())) == []


def test_a_text_that_is_not_a_str_is_a_type_error():
    with pytest.raises(TypeError, match=r"^analyze\(text, \*\*options\): text must be a str, got int$"):
        kashif.analyze(3)
    with pytest.raises(TypeError, match=r"^analyze\(text, \*\*options\): text must be a str, got bytes$"):
        kashif.analyze("نص".encode("utf-8"))
    with pytest.raises(TypeError, match=r"^analyze_many: item 2 must be a str, got NoneType$"):
        kashif.analyze_many(["a", "b", None, "d"])
    with pytest.raises(TypeError):
        kashif.analyze_many(5)


def test_an_error_from_the_iterable_is_raised():
    def texts():
        yield "أ"
        raise RuntimeError("the source broke")
    with pytest.raises(RuntimeError, match="the source broke"):
        kashif.analyze_many(texts())


def test_lone_surrogates_are_a_value_error():
    with pytest.raises(ValueError, match="not valid Unicode"):
        kashif.analyze("a\ud800b")


@pytest.mark.parametrize("kwargs,options_json,error", [
    ({"colour": 1}, '{"colour":1}', ValueError),
    ({"ranking": "alphabet"}, '{"ranking":"alphabet"}', ValueError),
    ({"top_n": -1}, '{"top_n":-1}', ValueError),
    ({"top_n": "ten"}, '{"top_n":"ten"}', TypeError),
    ({"tokens": 1}, '{"tokens":1}', TypeError),
    ({"normalize": {"alef": True, "vowels": False}}, '{"normalize":{"alef":true,"vowels":false}}', ValueError),
])
def test_bad_options_carry_the_clis_message(cli, kwargs, options_json, error):
    with pytest.raises(error) as e:
        kashif.analyze("نص", **kwargs)
    assert str(e.value) == without_position(cli_error(cli, options_json))
    with pytest.raises(error) as e:
        kashif.analyze_many(["نص"], **kwargs)
    assert str(e.value) == without_position(cli_error(cli, options_json))


def test_options_that_are_not_json_are_a_type_error():
    with pytest.raises(TypeError, match="not JSON serializable"):
        kashif.analyze("نص", stopwords_add={"في"})


@pytest.mark.parametrize("jobs,error", [(0, ValueError), (-2, ValueError), ("2", TypeError), (1.5, TypeError), (True, TypeError)])
def test_bad_jobs_carry_the_clis_message(jobs, error):
    # The CLI: "--jobs wants a whole number of threads, 1 or more, not '0'"
    with pytest.raises(error, match=r"^jobs wants a whole number of threads, 1 or more, not "):
        kashif.analyze_many(["نص"], jobs=jobs)


def ticks_during(call):
    """Runs `call` while another Python thread notes the time every millisecond; returns how
    many of its notes fall inside the middle 80% of the call. A call that held the interpreter
    throughout would allow none."""
    stop, times = threading.Event(), []

    def ticker():
        while not stop.is_set():
            times.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.05)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    t.join()
    margin = (end - start) * 0.1
    return sum(1 for x in times if start + margin < x < end - margin), end - start


def test_the_interpreter_is_released_while_analyzing():
    long_text = " ".join(DOCS)  # ~600 KB of news: long enough that the call lasts
    inside, took = ticks_during(lambda: kashif.analyze(long_text, tokens=False))
    assert inside >= 3, f"another thread ran {inside} times during analyze ({took:.2f} s)"
    inside, took = ticks_during(lambda: kashif.analyze_many(DOCS + DOCS, jobs=1, tokens=False))
    assert inside >= 3, f"another thread ran {inside} times during analyze_many ({took:.2f} s)"
