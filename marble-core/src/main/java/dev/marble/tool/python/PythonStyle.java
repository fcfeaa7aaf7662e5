package dev.marble.tool.python;

/** Which functions of a Python file are tools. */
public enum PythonStyle {
    /** llm-loop's {@code --functions}: every public function the file defines, as one toolset. */
    FUNCTIONS("functions"),
    /** llm-do's: the functions registered on each module-level {@code FunctionToolset}, a toolset per variable. */
    TOOLSETS("toolsets");

    private final String wire;

    PythonStyle(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
