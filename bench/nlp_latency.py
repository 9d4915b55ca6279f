"""Speed and memory of the inner-dialogue engine, beside the bare ONNX model.

Run it with the interpreter kindvoice is installed in, from the repository root:

    .venv/bin/python bench/nlp_latency.py [--rounds N]

What it measures, on about 200 one-sentence thoughts written for this script:

- p50/p95 per thought on ONE thread of ``analyze``, beside the bare model (tokenize
  + ``session.run`` on the same ONNX file and tokenizer, one intra-op and one
  inter-op thread), timed interleaved in the same run, and their ratio
  (target: analyze <= 1.15x the bare pass, at p50 and at p95);
- p50/p95 of ``analyze`` + ``suggest_reframes`` on one thread (target: p95 <= 25 ms);
- batch throughput (thoughts/s) with 2 threads, in a fresh process;
- first-call time in a new process: import + first ``analyze``, median of 5 fresh
  processes after one discarded warm-up process (target: <= 0.8 s);
- peak resident memory of a process that analyzed 1,000 thoughts (target: <= 350 MB):
  the kernel's high-water mark ``VmHWM`` where /proc has it, else ``ru_maxrss``
  (on Linux ``ru_maxrss`` also counts the benchmark's own memory copied at fork,
  so it is printed beside, not judged).

Thread counts are pinned before numpy or onnxruntime load (``KINDVOICE_NLP_THREADS``
and the BLAS/OpenMP variables). Every timed loop is warmed up first. This is a
benchmark, not a test: it always exits 0 and only reports figures and PASS/MISS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

RATIO_TARGET = 1.15
REFRAME_P95_TARGET_MS = 25.0
FIRST_CALL_TARGET_S = 0.8
MEMORY_TARGET_MB = 350.0
FIRST_CALL_RUNS = 5
MEMORY_THOUGHTS = 1000
FIRST_SENTENCE = "I completely messed up the presentation and now everyone thinks I'm a fraud."

THOUGHTS: tuple[str, ...] = (
    # work and study
    "I'm such an idiot for missing the project deadline.",
    "My manager didn't reply to my email, so she must be furious with me.",
    "I always freeze when someone asks me a question in a meeting.",
    "Everyone else on the team understands this code except me.",
    "If I don't get this promotion my whole career is over.",
    "I got one bad review and now I feel like a complete failure.",
    "I should have finished the report last night instead of watching TV.",
    "I'm never going to pass this exam no matter how hard I study.",
    "My coworker got praised for the idea, and I'm invisible as usual.",
    "I made a typo in the client email and I'm so embarrassed.",
    "The interview went badly because I'm just not smart enough.",
    "I feel like a fraud and sooner or later they'll find out.",
    "I only got a B, which basically means I failed.",
    "My boss said the draft was fine but I know she was just being polite.",
    "I procrastinated all day again, what is wrong with me.",
    "Other people my age already own houses and I'm still renting a tiny room.",
    "I should be able to handle this workload without complaining.",
    "I forgot the name of a colleague I've worked with for two years.",
    "Nobody laughed at my joke in the stand-up, so they must think I'm weird.",
    "I lost the client, and it's entirely my fault.",
    "The teacher sighed when I asked a question, so I must be annoying.",
    "I finished the course but it doesn't count because it was an easy one.",
    "I'm the slowest person in my lab and everyone can see it.",
    "I'll never be as good at my job as Sarah is.",
    "I feel stupid because I had to ask for help with the spreadsheet again.",
    "My thesis is a mess and I'm wasting everyone's time.",
    "I keep getting rejected, so there must be something wrong with me.",
    "I spoke too much in the meeting and now they think I'm arrogant.",
    "I had a good week at work, but one mistake ruined it.",
    "I'm lazy for taking a sick day when I could have pushed through.",
    # relationships and family
    "My friend cancelled dinner, so she probably doesn't like me anymore.",
    "I snapped at my kids this morning and I'm a terrible mother.",
    "My partner seemed quiet tonight, I must have done something wrong.",
    "I'm always the one who ruins family gatherings.",
    "If I were more interesting, people would text me back.",
    "My sister has her life together and I'm a disaster by comparison.",
    "I forgot my best friend's birthday, what kind of person does that.",
    "My dad was disappointed in me again and he's right to be.",
    "Nobody invited me to the party because I'm boring.",
    "I said something awkward on the date and it's all over now.",
    "My ex left because I'm impossible to love.",
    "I should call my mother more often, I'm such a selfish daughter.",
    "The kids are struggling at school and it's because I'm a bad parent.",
    "I always say the wrong thing when someone is upset.",
    "My friends are probably talking about me behind my back.",
    "I feel lonely, which proves that nobody cares about me.",
    "I yelled at my dog and I feel like a monster.",
    "My partner had a bad day and I couldn't fix it, so I'm useless.",
    "I'm too needy and that's why people leave.",
    "We argued again and I'm sure the relationship is doomed.",
    "I didn't visit grandma enough before she got ill.",
    "Everyone at the wedding seemed happier and more successful than me.",
    "I feel guilty for needing a night alone.",
    "My son didn't want to talk to me, I've failed as a father.",
    "I should be over the breakup by now.",
    # body, health and habits
    "I ate the whole pizza and I have no self-control at all.",
    "I look disgusting in every photo.",
    "I skipped the gym again, I'm so pathetic.",
    "My body is falling apart and it's my own fault.",
    "I should be thinner by now after all that dieting.",
    "I feel anxious, so something bad is definitely going to happen.",
    "I couldn't sleep again and tomorrow is going to be a disaster.",
    "Everyone at the pool was staring at my stomach.",
    "I'm weak for needing medication to feel okay.",
    "I broke my streak of running, so the whole plan is ruined.",
    "I drank too much at the party and embarrassed myself.",
    "I'm always tired and it's because I'm lazy.",
    "My therapist probably thinks I'm a hopeless case.",
    "I had a panic attack on the train and I'm so ashamed.",
    "I'll never get fit, so why even try.",
    "I keep checking my phone instead of sleeping, what is wrong with me.",
    "I feel ugly today, so I must be ugly.",
    "I relapsed after three months and I'm back to square one.",
    "I'm too old to start learning to swim.",
    "I should be grateful for my health instead of complaining about my back.",
    # money and home
    "I overspent again this month and I'm hopeless with money.",
    "My flat is a mess, which shows what a mess I am.",
    "I'll never be able to afford a house, my life is going nowhere.",
    "I forgot to pay the electricity bill, I'm so irresponsible.",
    "Everyone else seems to have savings and I have nothing.",
    "I bought something I didn't need and I feel stupid.",
    "The car broke down and it's because I never take care of anything.",
    "I can't even keep a plant alive.",
    "I should have invested years ago like my brother did.",
    "I'm a burden to my roommates because I'm always behind on chores.",
    # social and creative
    "I sounded so stupid on that phone call.",
    "My painting is amateurish and I'm kidding myself.",
    "I forgot my lines in the play and everyone noticed.",
    "I posted a photo and only four people liked it, so it was awful.",
    "My novel will never get published, I'm not a real writer.",
    "I'm so awkward at parties that I ruin the mood.",
    "I practised guitar for a year and I'm still terrible.",
    "I lost the chess game because I'm dumb.",
    "The referee made a bad call and it wasn't my fault we lost.",
    "I choked in the final and let the whole team down.",
    "I'm too shy to ever make real friends.",
    "Someone else's blog is so much better that there's no point in mine.",
    "I messed up the recipe and ruined dinner for everyone.",
    "I spoke with an accent and they probably thought I was stupid.",
    "My presentation slides were ugly and I looked unprofessional.",
    # casual self-talk
    "ugh I'm such a dork sometimes lol",
    "im such a loser for still being awake at 3am",
    "Classic me, locking my keys in the car again.",
    "I'm hopeless with directions, I got lost twice today.",
    "I'm a disaster before my morning coffee.",
    "My brain is mush today, I read the same page five times.",
    "I burned the toast, truly a chef of the year.",
    "Well done me, I sent the email to the wrong person.",
    "I'm the worst at remembering names.",
    "Oops, I double-booked myself again.",
    # reported speech and others
    "My boss said I'm useless, but I know I worked hard on it.",
    "My brother called me a failure and I keep hearing it.",
    "The coach said I was slow, and maybe he has a point.",
    "My teacher told me I'd never amount to anything.",
    "The customer was rude to me for no reason.",
    "My neighbour is an inconsiderate jerk with that music.",
    "The referee was an idiot today.",
    "My roommate never cleans up and it drives me crazy.",
    "My mother always criticises the way I cook.",
    "My colleague keeps taking credit for my work.",
    # negation and kinder self-talk
    "I'm not a failure, I just had a hard week.",
    "I made a mistake, and that's okay, everyone does.",
    "I'm proud of myself for asking for help today.",
    "It's understandable that I'm tired after such a long week.",
    "I'm doing my best with what I have right now.",
    "I'm allowed to rest without earning it.",
    "I'm not stupid, this topic is genuinely difficult.",
    "Lots of people struggle with public speaking, I'm not alone.",
    "I can be gentle with myself while I learn this.",
    "I did well on the test and I'm happy about it.",
    "One bad day doesn't make me a bad person.",
    "I'm learning to forgive myself for the past.",
    "I'm not lazy, I'm exhausted and I need sleep.",
    "It's okay that I cried at work, I'm human.",
    "I handled that difficult conversation better than last time.",
    # neutral and everyday
    "I went for a walk by the river after lunch.",
    "The train was delayed by twenty minutes this morning.",
    "I need to buy milk and eggs on the way home.",
    "We watched a documentary about octopuses tonight.",
    "It rained all afternoon so I stayed inside and read.",
    "I have a dentist appointment on Thursday.",
    "My cousin is visiting from Lisbon next month.",
    "I'm thinking about learning Spanish this year.",
    "The meeting was moved to three o'clock.",
    "I cooked lentil soup for the first time.",
    "This traffic is killing me.",
    "I'm dying to see the new exhibition.",
    "She killed it at the open mic night.",
    "My phone died halfway through the call.",
    "I could murder a cup of tea right now.",
    # more traps
    "If I make one more mistake they will definitely fire me.",
    "I know my friends only invite me out of pity.",
    "I feel like a burden, so I must be one.",
    "Things never work out for me.",
    "Either I do this perfectly or I'm a failure.",
    "I got compliments on my talk, but they were just being nice.",
    "Out of the whole evening, all I can think about is that awkward silence.",
    "My daughter failed her test because I didn't help her enough.",
    "It's my fault the project failed, I should have seen it coming.",
    "Everyone is more confident than I am.",
    "This headache probably means something serious is wrong.",
    "If I say no to her, she'll hate me forever.",
    "I must never show that I'm struggling.",
    "I'm a complete mess and always will be.",
    "The whole day was ruined because I spilled coffee on my shirt.",
    "He didn't smile at me, so he must be angry.",
    "I'm going to embarrass myself at the reunion.",
    "I feel stupid, so I probably am stupid.",
    "People like me don't get second chances.",
    "My friend got engaged and I'll be single forever.",
    "I only passed because the test was easy.",
    "Every time I try something new, I fail.",
    "I ought to be further along in life at thirty-five.",
    "I wasn't perfect in the game, so I was terrible.",
    "The party was fun, but I talked too much, so it was a disaster.",
    "I'm the reason my parents are stressed.",
    "If I can't cook a proper dinner, I'm not a real adult.",
    "She'll probably think my gift is cheap.",
    "I'll end up alone because I'm too difficult.",
    "My friends are doing amazing things and I'm stuck.",
    "I got the job, but only because nobody else applied.",
    "One rejection letter means I'll never get into any program.",
    "I'm such a coward for not speaking up.",
    "I have to be productive every single minute or I'm wasting my life.",
    "I'm ashamed of how I acted at the funeral.",
    "My landlord is unfair and nothing I do will change it.",
    "I feel hopeless about finding work in this city.",
    "I think I'm going to bomb the driving test tomorrow.",
    "I never finish anything I start.",
    "I'm a fake friend because I didn't call when she was sick.",
    "My voice shook during the toast and I'll never live it down.",
    "I keep comparing my garden to the neighbours' and mine looks sad.",
    "I'm an embarrassment to my family.",
    "I overslept and the whole week is off to a terrible start.",
    "I'll never understand maths, I've always been bad at it.",
)

WARMUP_THOUGHTS: tuple[str, ...] = (
    "I'm warming up the model with a sentence that is not timed.",
    "Warm-up: I forgot to water the plants again.",
    "Warm-up: my friend is probably annoyed with me.",
    "Warm-up: I did an okay job on the dishes.",
)


def pin_threads(threads: int) -> None:
    """Fix every thread pool's size; must run before numpy or onnxruntime are imported."""
    os.environ["KINDVOICE_NLP_THREADS"] = str(threads)
    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def time_call(fn: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


class BareModel:
    """Tokenize + one ONNX forward pass, with the engine's model file and tokenizer."""

    def __init__(self, threads: int) -> None:
        import numpy as np
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from kindvoice.domain.nlp import embed

        self._np = np
        self.tokenizer = Tokenizer.from_file(
            str(Path(embed.__file__).parent / "model" / "tokenizer.json")
        )
        self.tokenizer.enable_truncation(max_length=embed.MAX_TOKENS)
        # tokenizer.json pads every text to 128 tokens; the engine pads a batch only
        # to its longest text, so one sentence is not padded at all. Do the same here,
        # or the "bare" pass would run ~6x more tokens than the engine does.
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            embed.model_file(),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self.input_names = {i.name for i in self.session.get_inputs()}

    def __call__(self, text: str) -> Any:
        np = self._np
        encoding = self.tokenizer.encode(text)
        feeds = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([encoding.type_ids], dtype=np.int64),
        }
        return self.session.run(None, {k: v for k, v in feeds.items() if k in self.input_names})


def _clear_caches(*functions: object) -> None:
    """Drop memoised results so every timed call does the full work."""
    for fn in functions:
        clear = getattr(fn, "cache_clear", None)
        if callable(clear):
            clear()


def measure_single_thread(rounds: int) -> dict[str, Any]:
    """Interleaved timings of the bare model, analyze, and analyze + suggest_reframes."""
    from kindvoice.domain.nlp.analyzer import analyze
    from kindvoice.domain.nlp.reframe import suggest_reframes

    bare = BareModel(threads=1)
    for text in WARMUP_THOUGHTS * 5:
        bare(text)
        suggest_reframes(text, analyze(text))

    samples: dict[str, list[float]] = {"bare": [], "analyze": [], "analyze+reframes": []}

    def analyze_and_reframe(text: str) -> object:
        return suggest_reframes(text, analyze(text))

    for round_index in range(rounds):
        # Every other round runs the list backwards, so no thought always follows the same one.
        order = THOUGHTS if round_index % 2 == 0 else tuple(reversed(THOUGHTS))
        for text in order:
            _clear_caches(analyze, suggest_reframes)
            samples["bare"].append(time_call(bare, text))
            _clear_caches(analyze)
            samples["analyze"].append(time_call(analyze, text))
            _clear_caches(analyze, suggest_reframes)
            samples["analyze+reframes"].append(time_call(analyze_and_reframe, text))
    return {name: [s * 1000 for s in values] for name, values in samples.items()}


def child_throughput() -> dict[str, float]:
    """In a fresh process pinned to 2 threads: thoughts per second, three ways."""
    from concurrent.futures import ThreadPoolExecutor

    from kindvoice.domain.nlp import analyzer

    analyze = analyzer.analyze
    texts = list(THOUGHTS)
    for text in WARMUP_THOUGHTS * 3:
        analyze(text)
    result: dict[str, float] = {}

    _clear_caches(analyze)
    start = time.perf_counter()
    for text in texts:
        analyze(text)
    result["one call at a time, 2 intra-op threads"] = len(texts) / (time.perf_counter() - start)

    batch = getattr(analyzer, "analyze_many", None) or getattr(analyzer, "analyze_batch", None)
    if callable(batch):
        batch(list(WARMUP_THOUGHTS))
        _clear_caches(analyze, batch)
        start = time.perf_counter()
        batch(texts)
        result[f"{batch.__name__}(), 2 intra-op threads"] = len(texts) / (
            time.perf_counter() - start
        )

    _clear_caches(analyze)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(analyze, WARMUP_THOUGHTS))
        _clear_caches(analyze)
        start = time.perf_counter()
        list(pool.map(analyze, texts))
        result["2 worker threads, shared engine"] = len(texts) / (time.perf_counter() - start)
    return result


def child_first_call() -> dict[str, float]:
    """Import + first analyze, timed from before the import (interpreter start excluded)."""
    start = time.perf_counter()
    from kindvoice.domain.nlp.analyzer import analyze

    imported = time.perf_counter()
    analyze(FIRST_SENTENCE)
    done = time.perf_counter()
    return {"import_s": imported - start, "first_call_s": done - start}


def child_memory() -> dict[str, float]:
    """Analyze 1,000 thoughts (the list, then numbered variants) and report peak RSS."""
    import resource

    from kindvoice.domain.nlp.analyzer import analyze

    def maxrss_mb() -> float:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Linux reports kilobytes, macOS bytes.
        return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024

    def peak_mb() -> float:
        # On Linux, ru_maxrss survives exec: a child started from this (large)
        # benchmark process would report the parent's size copied at fork. The
        # kernel's VmHWM is the peak of this program's own memory, so prefer it.
        status = Path("/proc/self/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return maxrss_mb()

    analyze(FIRST_SENTENCE)
    after_first = peak_mb()
    for index in range(MEMORY_THOUGHTS):
        text = THOUGHTS[index % len(THOUGHTS)]
        if index >= len(THOUGHTS):
            text = f"{text} (day {index // len(THOUGHTS) + 1})"
        analyze(text)
    return {"peak_rss_mb": peak_mb(), "after_first_mb": after_first, "ru_maxrss_mb": maxrss_mb()}


CHILDREN: dict[str, Callable[[], dict[str, float]]] = {
    "throughput": child_throughput,
    "first-call": child_first_call,
    "memory": child_memory,
}


def run_child(kind: str, threads: int) -> tuple[dict[str, float], float]:
    """Run this script as ``--child KIND`` in a fresh interpreter; its report and wall time."""
    env = dict(os.environ)
    env["KINDVOICE_NLP_THREADS"] = str(threads)
    for name in THREAD_VARIABLES:
        env[name] = str(threads)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--threads", str(threads)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"child {kind} failed:\n{result.stderr}")
    report: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return report, wall


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description="Latency, throughput and memory of analyze.")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the thoughts")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        pin_threads(args.threads)
        print(json.dumps(CHILDREN[args.child]()))
        return

    pin_threads(1)
    print(f"python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"{len(THOUGHTS)} one-sentence thoughts, {max(1, args.rounds)} timed rounds\n")

    ms = measure_single_thread(max(1, args.rounds))
    from kindvoice.domain.nlp.analyzer import MODEL_VERSION

    print(f"model version: {MODEL_VERSION}\n")
    print("one thread (intra-op 1, inter-op 1)      p50 ms    p95 ms    mean ms")
    for name, label in (
        ("bare", "bare model (tokenize + session.run)"),
        ("analyze", "analyze"),
        ("analyze+reframes", "analyze + suggest_reframes"),
    ):
        values = ms[name]
        print(
            f"  {label:<38}{percentile(values, 50):>7.2f}   {percentile(values, 95):>7.2f}"
            f"   {statistics.fmean(values):>7.2f}"
        )
    ratio50 = percentile(ms["analyze"], 50) / percentile(ms["bare"], 50)
    ratio95 = percentile(ms["analyze"], 95) / percentile(ms["bare"], 95)
    print(f"  analyze / bare model: {ratio50:.2f}x at p50, {ratio95:.2f}x at p95\n")

    throughput, _ = run_child("throughput", threads=2)
    print("batch throughput, 2 threads (fresh process)")
    for label, value in throughput.items():
        print(f"  {label:<44}{value:>8.0f} thoughts/s")
    print()

    run_child("first-call", threads=1)  # warm-up: fills the OS file cache, discarded
    first_calls: list[float] = []
    imports: list[float] = []
    walls: list[float] = []
    for _ in range(FIRST_CALL_RUNS):
        report, wall = run_child("first-call", threads=1)
        first_calls.append(report["first_call_s"])
        imports.append(report["import_s"])
        walls.append(wall)
    first_call = statistics.median(first_calls)
    print(f"first call in a new process (median of {FIRST_CALL_RUNS})")
    print(f"  import of the analyzer                      {statistics.median(imports):.3f} s")
    print(f"  import + first analyze                      {first_call:.3f} s")
    print(f"  whole process incl. interpreter start/exit  {statistics.median(walls):.3f} s\n")

    memory, _ = run_child("memory", threads=1)
    peak_mb = memory["peak_rss_mb"]
    print(
        f"peak resident memory: {memory['after_first_mb']:.0f} MB after the first thought, "
        f"{peak_mb:.0f} MB after {MEMORY_THOUGHTS} more "
        f"(ru_maxrss, which includes the fork of this process: {memory['ru_maxrss_mb']:.0f} MB)\n"
    )

    best_throughput = max(throughput.values())
    reframe_p95 = percentile(ms["analyze+reframes"], 95)
    rows = (
        ("analyze / bare model, p50", f"{ratio50:.2f}x", f"<= {RATIO_TARGET}x", ratio50),
        ("analyze / bare model, p95", f"{ratio95:.2f}x", f"<= {RATIO_TARGET}x", ratio95),
    )
    print(f"{'target':<38}{'measured':>10}  {'goal':<10} result")
    for label, shown, goal, value in rows:
        print(f"{label:<38}{shown:>10}  {goal:<10} {verdict(value <= RATIO_TARGET)}")
    print(
        f"{'analyze + reframes, p95':<38}{reframe_p95:>7.2f} ms  "
        f"{'<= 25 ms':<10} {verdict(reframe_p95 <= REFRAME_P95_TARGET_MS)}"
    )
    print(
        f"{'first call (import + analyze)':<38}{first_call:>8.3f} s  "
        f"{'<= 0.8 s':<10} {verdict(first_call <= FIRST_CALL_TARGET_S)}"
    )
    print(
        f"{'peak RSS after 1,000 thoughts':<38}{peak_mb:>7.0f} MB  "
        f"{'<= 350 MB':<10} {verdict(peak_mb <= MEMORY_TARGET_MB)}"
    )
    print(f"{'batch throughput, 2 threads':<38}{best_throughput:>5.0f} /s  {'(report)':<10} -")


if __name__ == "__main__":
    main()
