"""Summary of `perf script -F comm,ip,sym,dso` output with call chains (bench/perf.sh): samples by thread, by shared
object, the kernel's share under io_uring sends/receives, the top symbols, and the innermost dev.freeport frame of
each sample (kernel time below it included). Usage: perf_summary.py PERF_TXT [top=25]"""
import collections
import re
import sys

FRAME = re.compile(r'\s*[0-9a-f]+ (.*?) \(([^()]*(?: \(deleted\))?)\)$')
METHOD = re.compile(r'([\w$]+)\.([\w$<>]+)\(')


def samples(path):
    comm, stack = None, []
    for line in open(path, errors='replace'):
        if not line.startswith((' ', '\t')):
            if stack:
                yield comm, stack
            comm, stack = line.strip(), []
        elif line.strip():
            m = FRAME.match(line.rstrip('\n'))
            stack.append((m.group(1), m.group(2)) if m else (line.strip(), '?'))
    if stack:
        yield comm, stack


def short(sym):
    m = METHOD.search(sym)
    return m.group(1) + '.' + m.group(2) if m else sym


def dso(name):
    if 'kallsyms' in name:
        return 'kernel'
    if name.startswith('/tmp/perf-') or 'JIT' in name:
        return 'JIT code'
    if 'netty' in name:
        return 'Netty native'
    return re.sub(r'-[0-9a-f-]{20,}', '', name.rsplit('/', 1)[-1])


def main():
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    threads, dsos, syms, own = (collections.Counter() for _ in range(4))
    paths = collections.Counter()
    total = 0
    for comm, stack in samples(sys.argv[1]):
        total += 1
        threads[re.sub(r'[-#]?\d+', '', comm or '?')] += 1
        sym, obj = stack[0]
        dsos[dso(obj)] += 1
        syms[short(sym)] += 1
        names = [s for s, _ in stack]
        for kind in ('io_send', 'io_recv', 'io_cqring_wait', 'schedule', 'handle_softirqs'):
            if kind in names:
                paths[kind] += 1
        owner = next((short(s) for s, _ in stack if 'dev.freeport' in s), None)
        own[owner or ('(no dev.freeport frame, kernel)' if dso(obj) == 'kernel' else '(no dev.freeport frame)')] += 1
    if not total:
        print('no samples')
        return

    def show(title, counter, n):
        print(title)
        for k, v in counter.most_common(n):
            print(f'  {100 * v / total:6.2f} %  {k}')
    print(f'{total} samples')
    show('by thread:', threads, 8)
    show('by shared object:', dsos, 8)
    show('kernel paths (a sample can be under several):', paths, 5)
    show('top symbols (self):', syms, top)
    show('innermost dev.freeport frame (all beneath it included):', own, top)


main()
