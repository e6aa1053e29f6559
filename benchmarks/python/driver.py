#!/usr/bin/env python3
"""Worker process for the Python peers of benchmarks/run: kreuzberg, extractous, pypdfium2.

Speaks the same line protocol as the JVM worker (dev.vellum.benchmarks.Worker):
in:  RUN <listFile> <threads> <textDir|->, MEM, QUIT
out: READY <version>; S <index>; F <index> <ok|error|timeout> <nanos> <chars> <mime> <message>;
     DONE <wallNanos> <tainted>; MEM <vmHwmKb> -1 -1
A list file holds "<index>\t<path>" lines. Usage: driver.py ENGINE TIMEOUT_MILLIS
"""
import importlib.metadata
import os
import re
import sys
import threading
import time


def clean(value):
    if value is None:
        return ""
    flat = re.sub(r"[\t\r\n]+", " ", str(value))
    return flat[:300]


def vm_kb(field):
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def open_engine(name):
    """Returns (extract(path) -> (text, mime), version)."""
    if name == "kreuzberg":
        import kreuzberg

        # OCR off (Vellum does none yet), no result cache (it would make later rounds free).
        config = kreuzberg.ExtractionConfig(disable_ocr=True, use_cache=False)

        def extract(path):
            result = kreuzberg.extract_file_sync(path, config=config)
            return result.content, getattr(result, "mime_type", "")

        return extract, importlib.metadata.version("kreuzberg")
    if name == "extractous":
        from extractous import Extractor

        local = threading.local()

        def extract(path):
            extractor = getattr(local, "extractor", None)
            if extractor is None:
                extractor = Extractor().set_extract_string_max_length(1 << 30)
                local.extractor = extractor
            text, metadata = extractor.extract_file_to_string(path)
            mime = metadata.get("Content-Type", "") if isinstance(metadata, dict) else ""
            if isinstance(mime, list):
                mime = mime[0] if mime else ""
            return text, mime

        return extract, importlib.metadata.version("extractous")
    if name == "pypdfium2":
        import pypdfium2 as pdfium

        lock = threading.Lock()  # PDFium is not thread-safe: one call at a time

        def extract(path):
            with lock:
                pdf = pdfium.PdfDocument(path)
                try:
                    pages = []
                    for i in range(len(pdf)):
                        page = pdf[i]
                        textpage = page.get_textpage()
                        pages.append(textpage.get_text_range())
                        textpage.close()
                        page.close()
                    return "\f".join(pages), "application/pdf"
                finally:
                    pdf.close()

        return extract, importlib.metadata.version("pypdfium2")
    raise ValueError("unknown Python engine: " + name)


class Pass:
    def __init__(self, worker, items, text_dir):
        self.worker = worker
        self.items = items
        self.text_dir = text_dir
        self.next = 0
        self.lock = threading.Lock()
        self.last_end = time.monotonic_ns()
        self.texts = {}
        self.slots = []
        self.stopped = False

    def take(self):
        with self.lock:
            if self.stopped or self.next >= len(self.items):
                return None
            i = self.next
            self.next += 1
            return i

    def start_slot(self):
        slot = Slot(self)
        with self.lock:
            self.slots.append(slot)
        slot.thread.start()


class Slot:
    def __init__(self, owner):
        self.owner = owner
        self.position = -1
        self.started = 0
        self.abandoned = False
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def abandon(self, at):
        with self.lock:
            if self.abandoned or self.position != at:
                return False
            self.abandoned = True
            return True

    def finish(self):
        with self.lock:
            if self.abandoned:
                return False
            self.position = -1
            self.started = 0
            return True

    def run(self):
        owner = self.owner
        worker = owner.worker
        while not self.abandoned:
            i = owner.take()
            if i is None:
                return
            index, path = owner.items[i]
            with self.lock:
                self.started = time.monotonic_ns()
                self.position = i
            worker.send(f"S\t{index}")
            begin = time.monotonic_ns()
            try:
                text, mime = worker.extract(path)
                ok, message = True, ""
                text = text or ""
            except BaseException as error:  # noqa: BLE001 - every failure is a result
                ok, text, mime = False, None, ""
                message = f"{type(error).__name__}: {error}"
            nanos = time.monotonic_ns() - begin
            if not self.finish():
                return
            with owner.lock:
                owner.last_end = max(owner.last_end, time.monotonic_ns())
            if ok and owner.text_dir is not None:
                owner.texts[index] = text
            chars = len(text) if text else 0
            status = "ok" if ok else "error"
            worker.send(f"F\t{index}\t{status}\t{nanos}\t{chars}\t{clean(mime)}\t{clean(message)}")


class Worker:
    def __init__(self, engine, timeout_ms, out):
        self.extract, self.version = open_engine(engine)
        # One call at a time: a stuck call holds the lock, so the pass ends at the first timeout
        # (tainted); the orchestrator restarts the worker for the rest of the files.
        self.serialized = engine == "pypdfium2"
        self.timeout_ns = timeout_ms * 1_000_000
        self.out = out
        self.out_lock = threading.Lock()

    def send(self, line):
        with self.out_lock:
            self.out.write(line + "\n")
            self.out.flush()

    def run(self, list_file, threads, text_dir):
        items = []
        with open(list_file, encoding="utf-8") as lines:
            for line in lines:
                line = line.rstrip("\n")
                if "\t" in line:
                    index, path = line.split("\t", 1)
                    items.append((int(index), path))
        owner = Pass(self, items, text_dir)
        start = time.monotonic_ns()
        for _ in range(threads):
            owner.start_slot()
        while True:
            with owner.lock:
                slots = list(owner.slots)
            running = False
            now = time.monotonic_ns()
            for slot in slots:
                if slot.abandoned or not slot.thread.is_alive():
                    continue
                running = True
                started, position = slot.started, slot.position
                if position >= 0 and started and now - started > self.timeout_ns:
                    if slot.abandon(position):
                        index = owner.items[position][0]
                        millis = self.timeout_ns // 1_000_000
                        self.send(f"F\t{index}\ttimeout\t{now - started}\t0\t\tno result after {millis} ms")
                        with owner.lock:
                            owner.last_end = max(owner.last_end, time.monotonic_ns())
                            if self.serialized:
                                owner.stopped = True
                        if not self.serialized:
                            owner.start_slot()
            if owner.stopped:
                break
            if not running:
                break
            time.sleep(0.005)
        wall = max(0, owner.last_end - start)
        if text_dir is not None:
            os.makedirs(text_dir, exist_ok=True)
            for index, text in owner.texts.items():
                with open(os.path.join(text_dir, f"{index}.txt"), "w", encoding="utf-8", errors="replace") as f:
                    f.write(text)
        tainted = any(s.abandoned and s.thread.is_alive() for s in owner.slots)
        self.send(f"DONE\t{wall}\t{1 if tainted else 0}")


def main():
    engine, timeout_ms = sys.argv[1], int(sys.argv[2])
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # libraries that print must not corrupt the protocol
    sys.stdout = sys.stderr
    worker = Worker(engine, timeout_ms, protocol)
    worker.send(f"READY\t{engine} {worker.version}")
    for line in sys.stdin:
        command = line.rstrip("\n").split("\t")
        if command[0] == "RUN":
            worker.run(command[1], int(command[2]), None if command[3] == "-" else command[3])
        elif command[0] == "MEM":
            worker.send(f"MEM\t{vm_kb('VmHWM')}\t-1\t-1")
        elif command[0] == "QUIT":
            protocol.flush()
            os._exit(0)
        else:
            worker.send(f"ERR\tunknown command {clean(command[0])}")
    os._exit(0)


if __name__ == "__main__":
    main()
