#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: the methods that burn the most (self), and the frames most samples
pass through (inclusive), so a hot path is changed where the profile says, not where one guesses.

Usage: bench/jfr-top.py recording.jfr [how-many] [frame-filter]
"""
import collections
import json
import subprocess
import sys


def frames_of(recording):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample",
                          recording], check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        stack = event["values"]["stackTrace"]
        if not stack:
            continue
        yield [f'{f["method"]["type"]["name"]}.{f["method"]["name"]}' for f in stack["frames"]]


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    own, through, total = collections.Counter(), collections.Counter(), 0
    for frames in frames_of(recording):
        total += 1
        own[frames[0]] += 1
        for frame in set(frames):
            if only in frame:
                through[frame] += 1
    print(f"{total} samples")
    print("\nself:")
    for frame, count in own.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {frame}")
    print("\ninclusive" + (f" (frames containing '{only}')" if only else "") + ":")
    for frame, count in through.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
