#!/usr/bin/env python3
"""Splits a voice's corpus file into its dev and held-out parts, once, by position: the 5th,
10th, 15th… labelled line goes to Tests/KithEngineTests/Corpus/voices/heldout/, every other
line (and the comments, kept where they were) to voices/dev/. Understanding is tuned on dev/
only (VoicesCorpusTests)."""
import pathlib, sys

root = pathlib.Path(__file__).resolve().parent.parent / "Tests/KithEngineTests/Corpus/voices"
for source in map(pathlib.Path, sys.argv[1:]):
    dev, held = [], []
    labelled = 0
    for line in source.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            dev.append(line)
            continue
        labelled += 1
        (held if labelled % 5 == 0 else dev).append(line)
    header = f"# {source.stem}: the held-out fifth (every 5th labelled line). Never tune on these lines.\n"
    (root / "dev" / source.name).write_text("\n".join(dev) + "\n", encoding="utf-8")
    (root / "heldout" / source.name).write_text(header + "\n".join(held) + "\n", encoding="utf-8")
    print(f"{source.name}: {labelled - len(held)} dev, {len(held)} held out")
