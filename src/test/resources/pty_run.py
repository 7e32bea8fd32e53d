"""Runs a command on a real pseudo-terminal and answers its prompts, like a person at a terminal.

usage: python3 pty_run.py TIMEOUT PROMPT ANSWER [PROMPT ANSWER ...] -- COMMAND [ARGS...]
An ANSWER is typed followed by Enter; ^C and ^D are the keys themselves (interrupt, end of input);
"keys:" followed by text types that text as it is, with Python escapes (keys:dev\x1b[B\r is
d, e, v, the down arrow, Enter).
Prints everything the terminal showed, then exits with the command's status.
"""
import os, pty, select, sys, time

args = sys.argv[1:]
split = args.index("--")
timeout, pairs, command = float(args[0]), args[1:split], args[split + 1:]
script = list(zip(pairs[0::2], pairs[1::2]))

pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

shown, deadline = b"", time.time() + timeout
unanswered = 0  # where output not yet matched against a prompt starts: each prompt is answered once
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    if script and script[0][0].encode() in shown[unanswered:]:
        prompt, answer = script.pop(0)
        shown += b"<answered %s>" % prompt.encode()
        unanswered = len(shown)
        time.sleep(0.2)  # let the program turn echo off before the answer arrives
        keys = {"^C": b"\x03", "^D": b"\x04"}
        if answer.startswith("keys:"):
            os.write(fd, answer[5:].encode().decode("unicode_escape").encode("latin-1"))
        else:
            os.write(fd, keys.get(answer, answer.encode() + b"\n"))
else:
    os.kill(pid, 9)

_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
