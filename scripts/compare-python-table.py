#!/usr/bin/env python3
"""Prints Python Thespian's figures beside ours, per base, from the files compare-python.sh leaves in a folder.

Usage: compare-python-table.py DIR BASE...
DIR holds python-<base>.json (bench_base.py), ours-<base>.json (Thespian.Benchmarks --json) and, for a base ours
could not run, ours-<base>.unavailable (its reason).
"""
import json
import os
import sys

HIGHER, LOWER = 'higher', 'lower'   # which way is better


def g(d, *path):
    for p in path:
        if d is None:
            return None
        if isinstance(p, int):
            d = d[p] if isinstance(d, list) and len(d) > p else None
        else:
            d = d.get(p) if isinstance(d, dict) else None
    return d


def scaled(value, factor):
    return None if value is None else value * factor


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def startup(r, key):
    """The median of Python's warm start cycles (2..n) of one field."""
    rows = r.get('startup_cycles') or []
    return median([row.get(key) for row in rows[1:] or rows])


def size_row(r, size):
    return next((row for row in r.get('sizes') or [] if row.get('size') == size), None)


def received_ratio(r, key):
    n, received = g(r, key, 'n'), g(r, key, 'received')
    return None if not n or received is None else received / n


def first_key(ours, *keys):
    """The first of several keys that our run reported (the tell sizes differ with --quick)."""
    return next((ours[k] for k in keys if k in ours), None)


# (label, unit, better, Python's value, ours) — each a function of the parsed file; ours gets {key: value}.
MULTIPROC = [
    ('start: new ActorSystem (admin launched)', 'ms', LOWER,
     lambda p: scaled(startup(p, 'ctor_s'), 1e3), lambda o: o.get('start.cold')),
    ('shutdown (1 actor / resting system)', 'ms', LOWER,
     lambda p: scaled(startup(p, 'shutdown_s'), 1e3), lambda o: o.get('start.shutdown')),
    ('ask p50', 'µs', LOWER, lambda p: scaled(g(p, 'ask_rtt_s', 'p50'), 1e6), lambda o: o.get('ask.p50')),
    ('ask p99', 'µs', LOWER, lambda p: scaled(g(p, 'ask_rtt_s', 'p99'), 1e6), lambda o: o.get('ask.p99')),
    ('asks/s (one after another)', 'asks/s', HIGHER,
     lambda p: p['ask_rtt_s']['n'] / p['ask_total_s'] if p.get('ask_total_s') else None, lambda o: o.get('ask.rate')),
    ('A→B tell (Python: burst sized ~6 s; ours: N=100k, 10k quick)', 'msg/s', HIGHER,
     lambda p: g(p, 'blast', 'msgs_per_s'), lambda o: first_key(o, 'tell.n100000.rate', 'tell.n10000.rate')),
    ('  received ÷ sent (Python\'s sized burst; ours checks all)', 'ratio', HIGHER,
     lambda p: received_ratio(p, 'blast'), lambda o: 1.0 if first_key(o, 'tell.n100000.rate', 'tell.n10000.rate') else None),
    ('ping-pong', 'round trips/s', HIGHER, lambda p: g(p, 'pingpong', 'roundtrips_per_s'), lambda o: o.get('pingpong.rate')),
    ('createActor p50 (Python: 50 back to back; ours: bursts)', 'ms', LOWER,
     lambda p: scaled(g(p, 'create_external_s', 'p50'), 1e3), lambda o: o.get('create.burst.p50')),
    ('createActor p50 (ours: paced, warm pool)', 'ms', LOWER,
     lambda p: scaled(g(p, 'create_external_s', 'p50'), 1e3), lambda o: o.get('create.paced.p50')),
    ('1 MiB byte[] echo p50', 'ms', LOWER, lambda p: scaled(g(p, 'ext_1MB_rtt_s', 'p50'), 1e3), lambda o: o.get('echo.mb1')),
    ('16 MiB byte[] echo', 'ms', LOWER,
     lambda p: scaled(g(size_row(p, 16 << 20), 'rtt_s'), 1e3) if g(size_row(p, 16 << 20), 'ok') else None,
     lambda o: o.get('echo.mb16')),
    ('admin RSS', 'MiB', LOWER, lambda p: scaled(g(p, 'memory_with_n_actors', 'admin_rss_kB'), 1 / 1024),
     lambda o: o.get('memory.admin.rss')),
    ('actor process RSS', 'MiB', LOWER, lambda p: scaled(g(p, 'memory_with_n_actors', 'actor_rss_kB', 'p50'), 1 / 1024),
     lambda o: o.get('memory.host.idle.rss')),
]

SIMPLE = [
    ('A→B tell, N=10k', 'msg/s', HIGHER, lambda p: g(p, 'blast_fixed', 'msgs_per_s'), lambda o: o.get('tell.n10000.rate')),
    ('A→B tell (Python: burst sized ~6 s; ours: N=1M, 100k quick)', 'msg/s', HIGHER,
     lambda p: g(p, 'blast', 'msgs_per_s'), lambda o: first_key(o, 'tell.n1000000.rate', 'tell.n100000.rate')),
    ('ping-pong', 'round trips/s', HIGHER, lambda p: g(p, 'pingpong', 'roundtrips_per_s'), lambda o: o.get('pingpong.rate')),
    ('ask p50', 'µs', LOWER, lambda p: scaled(g(p, 'ask_rtt_s', 'p50'), 1e6), lambda o: o.get('ask.p50')),
    ('asks/s', 'asks/s', HIGHER,
     lambda p: p['ask_rtt_s']['n'] / p['ask_total_s'] if p.get('ask_total_s') else None, lambda o: o.get('ask.rate')),
    ('createActor, top level, per actor', 'µs', LOWER,
     lambda p: scaled(g(p, 'create_external_s', 'p50'), 1e6),
     lambda o: 1e6 / o['create.toplevel.rate'] if o.get('create.toplevel.rate') else None),
]


def fmt(value):
    if value is None:
        return '-'
    magnitude = abs(value)
    if magnitude >= 1e6:
        return '%.2fM' % (value / 1e6)
    if magnitude >= 1e4:
        return '%.1fk' % (value / 1e3)
    if magnitude >= 100:
        return '%.0f' % value
    if magnitude >= 10:
        return '%.1f' % value
    return '%.2f' % value


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def table(folder, base):
    python = load(os.path.join(folder, 'python-%s.json' % base))
    ours_doc = load(os.path.join(folder, 'ours-%s.json' % base))
    unavailable = os.path.join(folder, 'ours-%s.unavailable' % base)
    reason = open(unavailable).read().strip() if os.path.exists(unavailable) else None
    ours = {f['key']: f['value'] for f in ours_doc['figures']} if ours_doc else {}
    rows = [('figure', 'unit', 'Python 4.0.1', 'ours', 'ours ÷ Python', 'ours better by')]
    for label, unit, better, python_of, ours_of in (SIMPLE if base == 'simpleSystemBase' else MULTIPROC):
        try:
            p = python_of(python) if python else None
        except (KeyError, TypeError, ZeroDivisionError):
            p = None
        o = ours_of(ours) if ours_doc else None
        ratio = o / p if p and o is not None else None
        advantage = None if ratio is None or ratio == 0 else (ratio if better == HIGHER else 1 / ratio)
        rows.append((label, unit, 'fails' if python and p is None else fmt(p),
                     'not available' if not ours_doc else fmt(o),
                     fmt(ratio), '-' if advantage is None else '%s×' % fmt(advantage)))
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ['## %s' % base]
    if python:
        lines.append('Python: load %s at start' % ' '.join(python.get('loadavg_start') or []))
    if ours_doc:
        lines.append('ours: load %s at start' % ours_doc.get('loadAverage', {}).get('start', '-'))
    if not python:
        lines.append('Python: no result (see python-%s.log)' % base)
    if reason:
        lines.append('ours: not available — %s' % reason)
    for i, row in enumerate(rows):
        lines.append('  '.join(cell.rjust(widths[c]) if c >= 2 else cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip())
        if i == 0:
            lines.append('  '.join('-' * w for w in widths))
    if python and python.get('errors'):
        lines.append('Python errors: ' + ', '.join(sorted(python['errors'])))
    return '\n'.join(lines)


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder, bases = sys.argv[1], sys.argv[2:]
    print('\n\n'.join(table(folder, base) for base in bases))
    print('\n"ours better by": how many times better ours is (below 1: worse); rates higher, times and memory lower.')
    return 0


if __name__ == '__main__':
    sys.exit(main())
