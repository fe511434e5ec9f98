"""The Spark job (python/spark/kashif_job.py) in Spark's local mode against the CLI's JSONL.

200 documents cut from the vendored ANERcorp text (tests/corpus.py) and the edge texts go through
the job on local[2] (two executor cores, mapPartitions over four partitions) into JSON lines and
into Parquet; each row must hold, field for field, what the CLI's `--lines --format jsonl` line
for the same document holds. Needs pyspark and a Java runtime (17 or later); `./kashif test`
installs both. Skipped when pyspark is not installed.
"""

import json
import os
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")

from conftest import cli_lines  # noqa: E402
from corpus import EDGE_TEXTS, SEED, anercorp_documents  # noqa: E402

JOB = Path(__file__).resolve().parents[1] / "spark" / "kashif_job.py"
sys.path.insert(0, str(JOB.parent))
import kashif_job  # noqa: E402

import kashif  # noqa: E402

TEXTS = anercorp_documents(200) + EDGE_TEXTS


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession
    # The executors' Python: this one, where the wheel is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    s = (SparkSession.builder.master("local[2]").appName("kashif-test")
         .config("spark.ui.enabled", "false")
         .config("spark.default.parallelism", "4")
         .config("spark.sql.shuffle.partitions", "4")
         .getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    # The job's functions are pickled by module name: the executors import it too (as
    # spark-submit --py-files kashif_job.py would ship it).
    s.sparkContext.addPyFile(str(JOB))
    yield s
    s.stop()


def expected_row(doc, r, doc_id=None):
    """What the job's row for the CLI's result `r` must hold: the same values, flattened."""
    s = r["stats"]
    return {
        "doc": doc,
        "id": doc_id,
        "characters": s["characters"], "words": s["words"], "sentences": s["sentences"], "unique_words": s["unique_words"],
        "keywords": [{"rank": i + 1, **{f: k[f] for f in ("text", "key", "kind", "count", "share", "score", "keyness")}}
                     for i, k in enumerate(r["keywords"])],
        "entities": [{f: e[f] for f in ("start", "end", "type", "text", "key", "source")} for e in r["entities"]],
        "entity_groups": [{f: g[f] for f in ("text", "key", "type", "count")} for g in r["entity_groups"]],
    }


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "docs.txt"
    # One line ends with \r\n: the CLI drops the \r, and so must the job.
    data = "".join(t + ("\r\n" if i == 3 else "\n") for i, t in enumerate(TEXTS))
    path.write_bytes(data.encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def expected(cli):
    return [expected_row(i, r) for i, r in enumerate(cli_lines(cli, TEXTS))]


def json_rows(folder):
    rows = []
    for part in sorted(Path(folder).glob("part-*")):
        rows += [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r.setdefault("id", None)  # Spark's JSON writer leaves out null fields
    return sorted(rows, key=lambda r: r["doc"])


def test_json_lines_rows_equal_the_clis_lines(spark, corpus_file, expected, tmp_path):
    out = tmp_path / "out-json"
    kashif_job.run(spark, str(corpus_file), str(out), "json")
    rows = json_rows(out)
    assert len(rows) == len(TEXTS)
    for want, got in zip(expected, rows):
        assert got == want, f"document {want['doc']} differs from the CLI's line"
    assert sum(len(r["entities"]) for r in rows) > 500 and sum(len(r["keywords"]) for r in rows) > 5000


def test_parquet_rows_equal_the_clis_lines(spark, corpus_file, expected, tmp_path):
    out = tmp_path / "out-parquet"
    kashif_job.run(spark, str(corpus_file), str(out), "parquet")
    rows = sorted((r.asDict(recursive=True) for r in spark.read.parquet(str(out)).collect()), key=lambda r: r["doc"])
    assert len(rows) == len(TEXTS)
    for want, got in zip(expected, rows):
        assert got == want, f"document {want['doc']} differs from the CLI's line"


def test_json_input_with_ids_and_line_breaks(spark, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    docs = [{"id": "seed", "text": seed}, {"id": "a", "text": TEXTS[0]}, {"id": 7, "text": ""}]
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "out"
    kashif_job.run(spark, str(src), str(out), "json", {"top_n": 5}, input_format="json", id_column="id")
    rows = json_rows(out)
    assert [r["id"] for r in rows] == ["seed", "a", "7"]
    for d, r in zip(docs, rows):
        assert r == expected_row(r["doc"], kashif.analyze(d["text"], top_n=5), str(d["id"]))
