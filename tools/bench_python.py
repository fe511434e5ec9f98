"""Benchmarks of the Python package (run by tools/bench-python.sh, which sets up the venv).

    python tools/bench_python.py throughput ARTICLES.jsonl [RUNS]
    python tools/bench_python.py spark ARTICLES.jsonl KASHIF_CLI [RUNS] [COPIES]

throughput: kashif.analyze_many over the articles' texts (about 1 MB of news), whole analysis
(every core, then one thread; results as dicts, tokens included, then tokens off) against CAMeL
Tools' simple_word_tokenize after its normalization (normalize_unicode, dediac_ar,
normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar: tokenizing only), runs
alternated so that a machine shared with other work slows each alike; medians in MB/s (UTF-8).

spark: the articles, one a line, COPIES times over (default 10: about 10 MB), through the Spark
job (python/spark/kashif_job.py, local[2], Parquet out) against the CLI's
`--lines --jobs 2 --format jsonl` with the same options (tokens off); the Spark session's start is
timed apart from the job. Benchmark input only: the articles are written to a temporary folder,
never into the repository.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["content"] for line in f]


def mb(texts):
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def throughput(path, runs):
    import kashif
    texts = articles(path)
    size = mb(texts)
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                                 normalize_teh_marbuta_ar, normalize_unicode)

        def camel():
            for t in texts:
                simple_word_tokenize(normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(normalize_unicode(t))))))
    except ImportError as e:
        print(f"CAMeL Tools is not installed in this environment ({e}): its column is left out", file=sys.stderr)
        camel = None
    cases = {
        f"kashif.analyze_many, {os.cpu_count()} threads (default), tokens on": lambda: kashif.analyze_many(texts),
        "kashif.analyze_many, jobs=1, tokens on": lambda: kashif.analyze_many(texts, jobs=1),
        f"kashif.analyze_many, {os.cpu_count()} threads, tokens off": lambda: kashif.analyze_many(texts, tokens=False),
    }
    if camel:
        cases["CAMeL Tools: normalize + simple_word_tokenize (one thread)"] = camel
    for f in cases.values():  # warm-up: page cache, the threads' word tables
        f()
    times = {name: [] for name in cases}
    for i in range(runs):
        for name, f in cases.items():
            times[name].append(timed(f))
        print(f"run {i + 1}: " + ", ".join(f"{times[n][-1]:.3f} s" for n in cases), file=sys.stderr)
    print(f"input: {len(texts)} articles, {size:.3f} MB (UTF-8); kashif {kashif.__version__}; {os.cpu_count()} cores; median of {runs} runs")
    rates = {name: size / statistics.median(t) for name, t in times.items()}
    for name, rate in rates.items():
        print(f"  {name}: {statistics.median(times[name]):.3f} s, {rate:.2f} MB/s")
    if camel:
        first = next(iter(rates))
        camel_name = list(rates)[-1]
        print(f"  ratio, {first} / CAMeL Tools: {rates[first] / rates[camel_name]:.2f}x")


def spark(path, cli, runs, copies):
    sys.path.insert(0, str(ROOT / "python" / "spark"))
    import kashif_job
    from pyspark.sql import SparkSession

    texts = [t.replace("\r", " ").replace("\n", " ") for t in articles(path)] * copies
    size = mb(texts)
    with tempfile.TemporaryDirectory(prefix="kashif-spark-bench-") as tmp:
        src = Path(tmp) / "docs.txt"
        src.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
        options = {"tokens": False}
        os.environ["PYSPARK_PYTHON"] = sys.executable
        t0 = time.perf_counter()
        session = (SparkSession.builder.master("local[2]").appName("kashif-bench")
                   .config("spark.ui.enabled", "false").getOrCreate())
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.addPyFile(str(ROOT / "python" / "spark" / "kashif_job.py"))
        start = time.perf_counter() - t0

        def job():
            kashif_job.run(session, str(src), str(Path(tmp) / "out"), "parquet", options)

        def lines():
            with open(src, "rb") as f:
                subprocess.run([cli, "analyze", "--lines", "--jobs", "2", "--format", "jsonl", "--options", json.dumps(options)],
                               stdin=f, stdout=subprocess.DEVNULL, check=True)
        job(), lines()  # warm-up
        spark_t, cli_t = [], []
        for i in range(runs):
            spark_t.append(timed(job))
            cli_t.append(timed(lines))
            print(f"run {i + 1}: Spark {spark_t[-1]:.3f} s, CLI {cli_t[-1]:.3f} s", file=sys.stderr)
        session.stop()
    s, c = statistics.median(spark_t), statistics.median(cli_t)
    print(f"input: {len(texts)} articles ({copies} copies of the set), {size:.2f} MB; median of {runs} runs; tokens off in both")
    print(f"  Spark session start (JVM, local[2]): {start:.1f} s, once")
    print(f"  Spark job, local[2], Parquet out: {s:.3f} s, {size / s:.2f} MB/s ({size / s / 2:.2f} MB/s per core)")
    print(f"  CLI --lines --jobs 2 --format jsonl: {c:.3f} s, {size / c:.2f} MB/s")
    print(f"  Spark's overhead: {s / c:.2f}x the CLI's time ({(s - c):+.2f} s)")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "throughput" and len(sys.argv) >= 3:
        throughput(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    elif mode == "spark" and len(sys.argv) >= 4:
        spark(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3, int(sys.argv[5]) if len(sys.argv) > 5 else 10)
    else:
        sys.exit(__doc__)
