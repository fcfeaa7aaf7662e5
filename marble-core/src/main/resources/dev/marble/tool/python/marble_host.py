"""Marble's host for Python tool files: loads one file, lists its tools, runs them.

Marble starts this program once per tool file and run, and talks to it in JSON lines on
standard input and output. Requests carry an "op"; replies carry the request's "id" and
either "result" or "error". While a tool runs, the host may itself ask Marble to call a
worker or tool ("op": "call_back"), and Marble may meanwhile ask it to run another tool.

Standard library only: it must run on whatever python3 the user has.
"""

import asyncio
import enum
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import json
import os
import re
import sys
import threading
import traceback
import types
import typing

# The protocol owns the real standard output; whatever the tools print goes to standard error.
_PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr
_INPUT = sys.stdin


def _send(message):
    _PROTOCOL.write(json.dumps(message, default=str) + "\n")
    _PROTOCOL.flush()


# ---------------------------------------------------------------------------------------------
# The names llm-do tool files import, for a machine without pydantic_ai.


class ModelRetry(Exception):
    """Raised by a tool to tell the model to try again; its message is what the model sees."""


class RunContext:
    """What a tool taking a context gets; deps reaches Marble (workers and tools by name)."""

    def __init__(self, deps):
        self.deps = deps

    def __class_getitem__(cls, item):
        return cls


class FunctionToolset:
    """Functions registered as tools, with or without a context as first parameter."""

    def __init__(self, tools=None, **_ignored):
        self.marble_tools = []
        for function in tools or []:
            self.add_function(function)

    def add_function(self, function, takes_ctx=None, name=None, **_ignored):
        if takes_ctx is None:
            takes_ctx = _takes_context(function)
        self.marble_tools.append((name or function.__name__, function, takes_ctx))
        return function

    def _decorator(self, takes_ctx, function, name):
        if function is not None:
            return self.add_function(function, takes_ctx, name)
        return lambda f: self.add_function(f, takes_ctx, name)

    def tool(self, function=None, *, name=None, **_ignored):
        # As in pydantic_ai, whether the function takes a context is read from its first parameter.
        return self._decorator(None, function, name)

    def tool_plain(self, function=None, *, name=None, **_ignored):
        return self._decorator(False, function, name)


def _takes_context(function):
    params = list(inspect.signature(function).parameters.values())
    if not params:
        return False
    annotation = params[0].annotation
    if annotation is RunContext or getattr(annotation, "__origin__", None) is RunContext:
        return True
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return "RunContext" in str(text) or params[0].name == "ctx"


def _stand_in_pydantic_ai():
    root = types.ModuleType("pydantic_ai")
    root.FunctionToolset = FunctionToolset
    root.RunContext = RunContext
    root.ModelRetry = ModelRetry
    root.__marble_stand_in__ = True
    toolsets = types.ModuleType("pydantic_ai.toolsets")
    toolsets.FunctionToolset = FunctionToolset
    exceptions = types.ModuleType("pydantic_ai.exceptions")
    exceptions.ModelRetry = ModelRetry
    tools = types.ModuleType("pydantic_ai.tools")
    tools.RunContext = RunContext
    root.toolsets, root.exceptions, root.tools = toolsets, exceptions, tools
    for module in (root, toolsets, exceptions, tools):
        sys.modules[module.__name__] = module


class _Lenient(types.ModuleType):
    """llm-do's own modules, for type hints only: any name is a placeholder class."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        # Usable as a type hint (Context, RunContext[CallContext]) and callable as a no-op
        # (set_toolset_approval_config(...)), which is all tool files do with these names.
        placeholder = type(
            name,
            (),
            {
                "__class_getitem__": classmethod(lambda cls, item: cls),
                "__init__": lambda self, *args, **keywords: None,
            },
        )
        setattr(self, name, placeholder)
        return placeholder


class _LenientFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname == "llm_do" or fullname.startswith("llm_do."):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _Lenient(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def _prepare_imports():
    try:
        import pydantic_ai  # noqa: F401  the real one, when installed
    except ImportError:
        _stand_in_pydantic_ai()
    if importlib.util.find_spec("llm_do") is None:
        sys.meta_path.append(_LenientFinder())


# ---------------------------------------------------------------------------------------------
# Schemas from type hints and docstrings.

_SECTION = re.compile(r"^\s*(Args|Arguments|Parameters|Returns|Return|Raises|Yields|Examples?|Notes?)\s*:\s*$")
_PARAM = re.compile(r"^\s*\*{0,2}(\w+)\s*(\([^)]*\))?\s*:\s*(.*)$")


def _doc_parts(function):
    doc = inspect.getdoc(function) or ""
    lines = doc.splitlines()
    summary, params, section, current = [], {}, None, None
    for line in lines:
        header = _SECTION.match(line)
        if header:
            section, current = header.group(1), None
            continue
        if section is None:
            summary.append(line)
        elif section in ("Args", "Arguments", "Parameters"):
            match = _PARAM.match(line)
            indent = len(line) - len(line.lstrip())
            if match and (current is None or indent <= params[current][1]):
                current = match.group(1)
                params[current] = [match.group(3).strip(), indent]
            elif current is not None and line.strip():
                params[current][0] = (params[current][0] + " " + line.strip()).strip()
    return "\n".join(summary).strip(), {name: text for name, (text, _) in params.items()}


def _schema(hint):
    if hint is inspect.Parameter.empty or hint is typing.Any:
        return {}
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return _schema(args[0])
    if _is_union(origin):
        # Optional[X] is X: a parameter that may be None is left out, as a Java tool's Optional<X> is (a None
        # default keeps it out of "required"); the providers all take a plain type, and null is not sent.
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _schema(options[0])
        return {"anyOf": [_schema(a) for a in options]}
    if origin is typing.Literal:
        values = list(args)
        kinds = {type(v) for v in values}
        schema = {"enum": values}
        if kinds == {str}:
            schema["type"] = "string"
        elif kinds <= {int}:
            schema["type"] = "integer"
        return schema
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        values = [member.value for member in hint]
        schema = {"enum": values}
        if all(isinstance(v, str) for v in values):
            schema["type"] = "string"
        elif all(isinstance(v, int) for v in values):
            schema["type"] = "integer"
        return schema
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if hint is str:
        return {"type": "string"}
    if hint in (list, tuple, set) or origin in (list, tuple, set, typing.List, typing.Sequence):
        schema = {"type": "array"}
        if args and args[-1] is not Ellipsis:
            schema["items"] = _schema(args[0])
        return schema
    if hint is dict or origin in (dict, typing.Dict, typing.Mapping):
        return {"type": "object"}
    return {}


def _hints(function, params):
    """The parameters' type hints. get_type_hints gives up on the whole function when one annotation does not
    resolve (llm-do files write `ctx: RunContext[Deps]` under `from __future__ import annotations`, with Deps
    never defined), so then each parameter is resolved on its own."""
    try:
        return typing.get_type_hints(function, include_extras=True)
    except Exception:
        pass
    namespace = getattr(function, "__globals__", {})
    return {param.name: _resolve(param.annotation, namespace) for param in params}


def _resolve(annotation, namespace):
    if not isinstance(annotation, str):
        return annotation
    try:
        # The text is the file's own, from a module this process already ran.
        return eval(annotation, dict(namespace))
    except Exception:
        pass
    # `X | None` where the Python cannot evaluate it (before 3.10), or beside a name that does not resolve.
    options = [part.strip() for part in annotation.split("|")]
    if len(options) == 2 and "None" in options:
        inner = _resolve(next(o for o in options if o != "None"), namespace)
        if inner is not inspect.Parameter.empty:
            return typing.Optional[inner]
    return inspect.Parameter.empty


def _inner(hint):
    """The type under Annotated and Optional: what a value that is not None is."""
    while True:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is typing.Annotated:
            hint = args[0]
        elif _is_union(origin) and type(None) in args and len(args) == 2:
            hint = next(a for a in args if a is not type(None))
        else:
            return hint


def _is_union(origin):
    return origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType)


def _parameters(function, takes_ctx):
    signature = inspect.signature(function)
    params = list(signature.parameters.values())
    if takes_ctx and params:
        params = params[1:]
    hints = _hints(function, params)
    _, descriptions = _doc_parts(function)
    properties, required, kinds = {}, [], {}
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        hint = hints.get(param.name, param.annotation)
        schema = dict(_schema(hint))
        if param.name in descriptions and descriptions[param.name]:
            schema["description"] = descriptions[param.name]
        if param.default is param.empty:
            required.append(param.name)
        else:
            default = param.default.value if isinstance(param.default, enum.Enum) else param.default
            if default is None or isinstance(default, (str, int, float, bool, list, dict)):
                schema["default"] = default
        properties[param.name] = schema
        kinds[param.name] = hint
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema, kinds


# ---------------------------------------------------------------------------------------------
# The file and its tools.


class _Tool:
    def __init__(self, name, function, takes_ctx):
        self.name, self.function, self.takes_ctx = name, function, takes_ctx
        self.parameters, self.kinds = _parameters(function, takes_ctx)
        self.description = _doc_parts(function)[0]

    def listing(self):
        return {"name": self.name, "description": self.description, "parameters": self.parameters}


_TOOLSETS = {}
_FILE = None


def _load(file, style):
    global _FILE
    _FILE = os.path.abspath(file)
    _prepare_imports()
    folder = os.path.dirname(_FILE)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = "marble_tools_" + re.sub(r"\W", "_", os.path.splitext(os.path.basename(_FILE))[0])
    spec = importlib.util.spec_from_file_location(name, _FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    _TOOLSETS.clear()
    if style == "functions":
        tools = []
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value):
                continue
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported, not defined here
            tools.append(_Tool(attribute, value, False))
        _TOOLSETS[""] = tools
    else:
        candidates = [(a, v) for a, v in vars(module).items() if not a.startswith("_")]
        # llm-do's later files name their toolsets in a TOOLSETS mapping, of toolsets or of functions making one.
        factories = getattr(module, "TOOLSETS", None)
        if isinstance(factories, dict):
            for attribute, value in factories.items():
                if _registered(value) is None and callable(value):
                    value = value(RunContext(_Deps()))
                candidates.append((attribute, value))
        for attribute, value in candidates:
            registered = _registered(value)
            if registered is not None:
                _TOOLSETS[attribute] = [_Tool(n, f, c) for n, f, c in registered]
    return [{"name": name, "tools": [t.listing() for t in tools]} for name, tools in _TOOLSETS.items()]


def _registered(value):
    """The (name, function, takes_ctx) of a FunctionToolset, the stand-in's or pydantic_ai's."""
    if isinstance(value, FunctionToolset):
        return value.marble_tools
    tools = getattr(value, "tools", None)
    if type(value).__name__ == "FunctionToolset" and isinstance(tools, dict):
        found = []
        for name, tool in tools.items():
            function = getattr(tool, "function", None)
            if function is not None:
                found.append((name, function, bool(getattr(tool, "takes_ctx", False))))
        return found
    return None


def _location(error):
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if os.path.abspath(f.filename) == _FILE] or frames
    if isinstance(error, SyntaxError) and error.filename:
        return "%s:%s" % (error.filename, error.lineno)
    if not inside:
        return _FILE or "?"
    return "%s:%s" % (inside[-1].filename, inside[-1].lineno)


# ---------------------------------------------------------------------------------------------
# Calls, and calls back to Marble.


class _Answer(str):
    """What ctx.deps.call returns: a string, which an async tool may also await."""

    def __await__(self):
        if False:
            yield None
        return str(self)


class MarbleError(Exception):
    """Marble refused or failed a call a tool made through ctx.deps."""


_NEXT = [0]
_NEXT_LOCK = threading.Lock()


class _Deps:
    """ctx.deps: workers and tools of the run, by name."""

    def call(self, name, arguments=None, **keywords):
        if arguments is None:
            arguments = {}
        elif isinstance(arguments, str):
            arguments = {"input": arguments}
        elif not isinstance(arguments, dict):
            arguments = dict(getattr(arguments, "__dict__", {}))
        arguments = dict(arguments, **keywords)
        with _NEXT_LOCK:
            _NEXT[0] += 1
            ident = "py%d" % _NEXT[0]
        _send({"op": "call_back", "id": ident, "name": name, "arguments": arguments})
        reply = _serve_until(ident)
        if "error" in reply:
            raise MarbleError(reply["error"])
        return _Answer(reply.get("result", ""))

    @property
    def tools(self):
        deps = self

        class _Proxy:
            def __getattr__(self, name):
                return lambda **keywords: deps.call(name, keywords)

        return _Proxy()


def _run(function, args):
    result = function(*args[0], **args[1])
    if inspect.isawaitable(result):
        result = _await(result)
    return result


def _await(awaitable):
    async def wrapper():
        return await awaitable

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(wrapper())
    # Called from inside a running event loop (a tool calling back into a tool): a loop of its own.
    box = {}

    def runner():
        try:
            box["value"] = asyncio.run(wrapper())
        except BaseException as error:  # handed to the caller below
            box["error"] = error

    thread = threading.Thread(target=runner)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _coerce(tool, arguments):
    values = {}
    for name, value in arguments.items():
        hint = _inner(tool.kinds.get(name))
        if isinstance(hint, type) and issubclass(hint, enum.Enum) and not isinstance(value, hint):
            value = hint(value)
        values[name] = value
    return values


def _call(request):
    tools = _TOOLSETS.get(request.get("toolset") or "", [])
    tool = next((t for t in tools if t.name == request["tool"]), None)
    if tool is None:
        return {"error": "no tool '%s' in %s" % (request["tool"], _FILE)}
    try:
        keywords = _coerce(tool, request.get("arguments") or {})
        positional = [RunContext(_Deps())] if tool.takes_ctx else []
        result = _run(tool.function, (positional, keywords))
    except Exception as error:
        # ModelRetry (the stand-in's or pydantic_ai's) is a message for the model, not a failure to locate.
        if type(error).__name__ == "ModelRetry":
            return {"error": str(error)}
        return {"error": "%s: %s (%s)" % (type(error).__name__, error, _location(error))}
    if result is None:
        return {"result": ""}
    if isinstance(result, str):
        return {"result": str(result)}
    return {"result": json.dumps(result, default=str, ensure_ascii=False)}


def _handle(request):
    op = request.get("op")
    if op == "load":
        try:
            return {"toolsets": _load(request["file"], request.get("style", "toolsets"))}
        except SyntaxError as error:
            return {"error": "%s:%s: SyntaxError: %s" % (error.filename or _FILE, error.lineno, error.msg)}
        except BaseException as error:
            return {"error": "%s: %s: %s" % (_location(error), type(error).__name__, error)}
    if op == "call":
        return _call(request)
    return {"error": "unknown request " + json.dumps(op)}


def _serve_until(awaited):
    """Handles Marble's requests until the reply to {@code awaited} comes (None: until input ends)."""
    while True:
        line = _INPUT.readline()
        if not line:
            if awaited is None:
                return None
            os._exit(0)  # Marble is gone; nothing is left to answer to
        line = line.strip()
        if not line:
            continue
        message = json.loads(line)
        if "op" not in message:
            if message.get("id") == awaited:
                return message
            continue
        reply = _handle(message)
        reply["id"] = message.get("id")
        _send(reply)


if __name__ == "__main__":
    _serve_until(None)
