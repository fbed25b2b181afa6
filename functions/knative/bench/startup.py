#!/usr/bin/env python3
"""Start-up and memory of the packaged Knative chat function against a raw Vert.x program (README "Performance").

Start-up: process start -> first POST /v1/chat/completions answered 200, median of --runs fresh processes per variant
(JDK 17, JDK 17 + AppCDS, JDK 25, JDK 25 + AOT cache; the archives come from one training run each: start, one
request, SIGTERM). Memory: --streams concurrent streams held open by the stand-in (after their first text event),
heap used after a full GC and process RSS, minus the same with none in flight, per stream.

Everything runs on 127.0.0.1: a stand-in provider in this process replays recorded OpenAI answers
(extension/src/test/resources/fixtures/openai-chat). The app is the packaged one (aot-jar, as deployed; another
packaging: CHAT_APP=/path/to/quarkus-app). Build it first:
  ./mvnw -B -q package -DskipTests -pl functions/knative -am
Then:  python3 functions/knative/bench/startup.py            (writes functions/knative/target/startup-report.md)
"""
import argparse
import asyncio
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
APP = os.environ.get("CHAT_APP", os.path.join(ROOT, "functions", "knative", "target", "quarkus-app"))
FIXTURES = os.path.join(ROOT, "extension", "src", "test", "resources", "fixtures", "openai-chat")
RAW_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RawChatServer.java")
API_KEY = "sk-bench-not-a-real-key"
REQUEST = json.dumps({"model": "default", "messages": [{"role": "user", "content": "Hello, how are you?"}]}).encode()
STREAM_REQUEST = json.dumps({"model": "default", "stream": True,
                             "messages": [{"role": "user", "content": "Hello, how are you?"}]}).encode()


class StandIn:
    """A loopback OpenAI stand-in: the recorded answer for invokes; for streams the first two recorded events, then
    the rest only once release() is called, so that streams stay in flight as long as the measurement needs."""

    def __init__(self):
        with open(os.path.join(FIXTURES, "text_nonstream.response.json"), "rb") as f:
            self.answer = f.read()
        with open(os.path.join(FIXTURES, "text_stream_include_usage_2.response.sse"), "rb") as f:
            self.events = [e + b"\n\n" for e in f.read().strip().split(b"\n\n")]
        self.loop = asyncio.new_event_loop()
        self.released = None
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)
        self.released = asyncio.Event()
        server = self.loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=2048))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    def hold(self):
        self.loop.call_soon_threadsafe(self.released.clear)

    def release(self):
        self.loop.call_soon_threadsafe(self.released.set)

    async def _serve(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
                body = json.loads(await reader.readexactly(length))
                if not body.get("stream"):
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                                 % len(self.answer) + self.answer)
                    await writer.drain()
                    continue
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                for i, event in enumerate(self.events):
                    if i == 2:
                        await writer.drain()
                        await self.released.wait()
                    writer.write(b"%x\r\n%s\r\n" % (len(event), event))
                writer.write(b"0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, body, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Program:
    """How to start one of the two programs with a given port and provider."""

    def __init__(self, name, java_home, jvm_options, raw_classes=None):
        self.name, self.java_home, self.jvm_options, self.raw_classes = name, java_home, jvm_options, raw_classes

    def command(self, port, stand_in_port, pool, extra=()):
        java = os.path.join(self.java_home, "bin", "java")
        base_url = "http://127.0.0.1:%d/v1" % stand_in_port
        if self.raw_classes:
            classpath = self.raw_classes + os.pathsep + os.path.join(APP, "lib", "main", "*")
            return [java, *self.jvm_options, *extra, "-cp", classpath, "RawChatServer", str(port), base_url, API_KEY,
                    str(pool)]
        return [java, *self.jvm_options, *extra, "-Dquarkus.http.port=%d" % port,
                "-Dquarkus.chat-models.model=openai:gpt-4o-mini", "-Dquarkus.chat-models.base-url=" + base_url,
                "-Dquarkus.chat-models.api-key=" + API_KEY, "-Dquarkus.chat-models.max-connections=%d" % pool,
                "-Dquarkus.chat-models.stream-idle-timeout=10m", "-Dquarkus.log.level=WARN",
                "-jar", os.path.join(APP, "quarkus-run.jar")]


def start(program, stand_in, pool=64, extra=()):
    """Starts the program and returns (process, seconds from start to the first answered 200)."""
    port = free_port()
    began = time.monotonic()
    process = subprocess.Popen(program.command(port, stand_in.port, pool, extra), cwd=APP,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = began + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("%s exited: %s" % (program.name, process.stderr.read().decode()[-2000:]))
        try:
            status, body = post(port, REQUEST)
            if status == 200 and b"just a program" in body:
                return process, port, time.monotonic() - began
            raise RuntimeError("%s answered %d: %s" % (program.name, status, body[:500]))
        except (ConnectionError, OSError):
            time.sleep(0.005)
    process.kill()
    raise RuntimeError(program.name + " did not answer within 120 s")


def stop(process):
    process.send_signal(signal.SIGTERM)  # a normal JVM exit, at which the training runs write their archive
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def train(program, stand_in, flag, archive):
    """One training run writing the program's class archive or AOT cache, then the option that uses it."""
    process, _, _ = start(program, stand_in, extra=[flag + archive])
    stop(process)
    deadline = time.monotonic() + 120  # JDK 25 assembles the AOT cache in a child JVM after exit
    while not os.path.exists(archive) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not os.path.exists(archive):
        raise RuntimeError("training of %s wrote no %s" % (program.name, archive))


def jcmd(java_home, pid, *command):
    return subprocess.run([os.path.join(java_home, "bin", "jcmd"), str(pid), *command], capture_output=True,
                          text=True, timeout=120).stdout


def heap_and_rss(program, pid):
    """KiB of heap used after a full GC, and of resident memory."""
    jcmd(program.java_home, pid, "GC.run")
    info = jcmd(program.java_home, pid, "GC.heap_info")
    heap = int(re.search(r"used (\d+)K", info).group(1))
    with open("/proc/%d/status" % pid) as f:
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
    return heap, rss


async def open_streams(port, count):
    """Opens `count` streams and returns them (reader, writer, bytes read) once each has delivered its first text."""

    async def one():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(STREAM_REQUEST), STREAM_REQUEST))
        seen = b""
        while b'"I"' not in seen:
            if seen.endswith(b"0\r\n\r\n") or (b"\r\n" in seen and b" 200 " not in seen.split(b"\r\n", 1)[0]):
                raise RuntimeError("stream failed before its first text: " + seen.decode()[:1000])
            chunk = await reader.read(65536)
            if not chunk:
                raise RuntimeError("stream closed before its first text: " + seen.decode()[:1000])
            seen += chunk
        return reader, writer, seen

    semaphore = asyncio.Semaphore(100)  # bounded connection bursts

    async def bounded():
        async with semaphore:
            return await one()

    return await asyncio.wait_for(asyncio.gather(*(bounded() for _ in range(count))), 300)


async def finish_streams(streams):
    async def drain(reader, writer, data):  # data: what open_streams read, up to the whole answer
        while not data.endswith(b"0\r\n\r\n"):
            chunk = await reader.read(65536)
            if not chunk:
                break
            data += chunk
        writer.close()
        if b"[DONE]" not in data:
            print("a stream ended without [DONE]: " + data.decode()[-500:], file=sys.stderr)
        return b"[DONE]" in data

    done = await asyncio.wait_for(asyncio.gather(*(drain(*stream) for stream in streams)), 300)
    return sum(done)


def memory(program, stand_in, count):
    process, port, _ = start(program, stand_in, pool=count + 16)
    try:
        async def warm_up():
            stand_in.release()
            for _ in range(3):
                await finish_streams(await open_streams(port, 50))

        asyncio.run(warm_up())
        idle = heap_and_rss(program, process.pid)
        stand_in.hold()

        async def measure():
            streams = await open_streams(port, count)
            loaded = heap_and_rss(program, process.pid)
            stand_in.release()
            completed = await finish_streams(streams)
            return loaded, completed

        loaded, completed = asyncio.run(measure())
        if completed != count:
            raise RuntimeError("%s completed %d of %d streams" % (program.name, completed, count))
        return idle, loaded
    finally:
        stop(process)


def compile_raw(java_home, work):
    """The raw program as a jar: class archives cannot hold classes loaded from a directory."""
    classes, jar = os.path.join(work, "raw"), os.path.join(work, "raw-chat-server.jar")
    subprocess.run([os.path.join(java_home, "bin", "javac"), "-d", classes, "-cp",
                    os.path.join(APP, "lib", "main", "*"), RAW_SOURCE], check=True)
    subprocess.run([os.path.join(java_home, "bin", "jar"), "cf", jar, "-C", classes, "."], check=True)
    return jar


def write(path, lines):
    report = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(report)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per variant (median), default 5")
    parser.add_argument("--streams", type=int, default=1000, help="concurrent streams for memory, 0 to skip")
    parser.add_argument("--jdk17", default=os.environ.get("JDK17_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"))
    parser.add_argument("--jdk25", default=os.environ.get("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"))
    parser.add_argument("--out", default=os.path.join(ROOT, "functions", "knative", "target", "startup-report.md"))
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not os.path.exists(os.path.join(APP, "quarkus-run.jar")):
        sys.exit("build the app first: ./mvnw -B -q package -DskipTests -pl functions/knative -am")

    work = tempfile.mkdtemp(prefix="chat-startup-")
    stand_in = StandIn()
    try:
        raw_classes = compile_raw(args.jdk17, work)  # class files for 17 run on 25 too
        variants = []
        for jdk, home in (("17", args.jdk17), ("25", args.jdk25)):
            for kind, raw in (("ours", None), ("raw", raw_classes)):
                plain = Program("%s JDK %s" % (kind, jdk), home, [], raw)
                archive = os.path.join(work, "%s-%s.%s" % (kind, jdk, "aot" if jdk == "25" else "jsa"))
                if jdk == "25":
                    train(plain, stand_in, "-XX:AOTCacheOutput=", archive)
                    cached = Program("%s JDK 25 + AOT cache" % kind, home, ["-XX:AOTCache=" + archive], raw)
                else:
                    train(plain, stand_in, "-XX:ArchiveClassesAtExit=", archive)
                    cached = Program("%s JDK 17 + AppCDS" % kind, home, ["-XX:SharedArchiveFile=" + archive], raw)
                variants += [plain, cached]
        times = {v.name: [] for v in variants}
        for run in range(args.runs):  # rounds in rotating order, so that a busy patch hits all alike
            order = variants[run % len(variants):] + variants[:run % len(variants)]
            for program in order:
                process, _, seconds = start(program, stand_in)
                stop(process)
                times[program.name].append(seconds)
        medians = {name: statistics.median(values) for name, values in times.items()}
        lines = ["# Start-up and memory of the Knative chat function", "",
                 "%s UTC, %s, %d cores, load average %.1f before the runs, %d runs per variant" % (
                     time.strftime("%Y-%m-%d %H:%M", time.gmtime()), platform.platform(), os.cpu_count(),
                     os.getloadavg()[0], args.runs), "",
                 "## Fresh process to first answer (median)", "",
                 "| JVM | ours | raw | ours/raw | all runs, ours (s) |", "|---|---:|---:|---:|---|"]
        for label in ("JDK 17", "JDK 17 + AppCDS", "JDK 25", "JDK 25 + AOT cache"):
            ours, raw = medians["ours " + label], medians["raw " + label]
            lines.append("| %s | %.3f s | %.3f s | %.2fx | %s |" % (
                label, ours, raw, ours / raw, ", ".join("%.2f" % t for t in times["ours " + label])))
        write(args.out, lines)
        if args.streams:
            lines += ["", "## %d concurrent streams on one model (JDK 25 + AOT cache, G1 defaults)" % args.streams, "",
                      "| program | heap after GC: idle -> in flight | per stream | RSS: idle -> in flight | per stream |",
                      "|---|---:|---:|---:|---:|"]
            for program in variants:
                if program.name.endswith("JDK 25 + AOT cache"):
                    (heap0, rss0), (heap1, rss1) = memory(program, stand_in, args.streams)
                    lines.append("| %s | %d -> %d KiB | %.1f KiB | %d -> %d KiB | %.1f KiB |" % (
                        program.name.split()[0], heap0, heap1, (heap1 - heap0) / args.streams, rss0, rss1,
                        (rss1 - rss0) / args.streams))
        print(write(args.out, lines))
        print("written to " + args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
