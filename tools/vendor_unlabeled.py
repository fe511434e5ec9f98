"""Vendors the unlabeled news text the word clusters are built from.

    python3 tools/vendor_unlabeled.py ../shared/data/unlabeled/ant-v1.1.jsonl data/sources/ant-content.txt.gz

Input: the ANT corpus v1.1 (10,138 Tunisian news articles, Apache-2.0), one JSON object a line.
Output: only each article's `content`, one article a line (its own line breaks become spaces,
surrounding space trimmed, empty articles left out), in the input's order, gzipped
reproducibly (no file name, time 0). The other fields (id, category, title, date) are not
used by the clustering, and leaving them out keeps the vendored file small (3 MB instead of
14 MB raw). `kashif-train clusters` reads this file by default.
"""
import gzip
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python3 tools/vendor_unlabeled.py ANT.jsonl OUT.txt.gz")
    src, out = sys.argv[1], sys.argv[2]
    lines = []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            content = json.loads(line).get("content")
            if not isinstance(content, str):
                sys.exit(f"{src}:{n}: no \"content\" string")
            text = " ".join(content.split("\n")).strip()
            if text:
                lines.append(text)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    print(f"{out}: {len(lines)} articles, {len(data)} bytes of text", file=sys.stderr)


if __name__ == "__main__":
    main()
