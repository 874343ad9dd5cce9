"""Compare our request parser's verdicts with llhttp's (strict mode) on a corpus of requests.

For each input both parsers say where the first request ends, or that it is refused or incomplete.
Fails when we accept a message llhttp refuses, or when both accept but frame it differently: those
are the disagreements request smuggling is made of. Where we are stricter than llhttp (we refuse what
it accepts) the case is listed but allowed.

usage: compare_llhttp.py VERDICT_BINARY FILE_OR_DIR...
"""
import os
import subprocess
import sys

import llhttp


class FirstMessage(llhttp.Request):
    """Notes the byte at which the first message completes, then pauses."""

    def __init__(self):
        super().__init__()
        self.fed = 0
        self.completed_at = None

    def on_message_complete(self):
        if self.completed_at is None:
            self.completed_at = self.fed
        self.pause()


def llhttp_verdict(data: bytes) -> str:
    parser = FirstMessage()
    try:
        for i in range(len(data)):
            parser.fed = i + 1
            parser.execute(data[i:i + 1])
            if parser.completed_at is not None:
                return f"accept {parser.completed_at}"
    except llhttp.Error:
        return "reject"
    return "incomplete"


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if os.path.isfile(full) and os.path.getsize(full) <= 8192:
                    yield full
        elif os.path.isfile(path):
            yield path


def main():
    binary, paths = sys.argv[1], sys.argv[2:]
    inputs = list(files(paths))
    ours = {}
    for start in range(0, len(inputs), 500):
        batch = inputs[start:start + 500]
        out = subprocess.run([binary, *batch], capture_output=True, check=True).stdout.decode()
        for line in out.splitlines():
            path, verdict = line.split("\t", 1)
            ours[path] = verdict
    dangerous, stricter, agreed = [], [], 0
    for path in inputs:
        with open(path, "rb") as handle:
            theirs = llhttp_verdict(handle.read())
        mine = ours[path]
        if mine.startswith("accept") and theirs.startswith("accept"):
            (agreed := agreed + 1) if mine == theirs else dangerous.append((path, mine, theirs))
        elif mine.startswith("accept") and theirs == "reject":
            dangerous.append((path, mine, theirs))
        elif mine.startswith("reject") and theirs.startswith("accept"):
            stricter.append((path, mine, theirs))
        else:
            agreed += 1
    print(f"{len(inputs)} inputs: {agreed} agree, {len(stricter)} where we are stricter, {len(dangerous)} dangerous")
    for path, mine, theirs in stricter[:10]:
        print(f"  stricter: {os.path.basename(path)}: ours {mine}, llhttp {theirs}")
    for path, mine, theirs in dangerous:
        print(f"  DISAGREE: {path}: ours {mine}, llhttp {theirs}")
    return 1 if dangerous else 0


if __name__ == "__main__":
    sys.exit(main())
