package dev.marble.tool.shell;

/**
 * One redirection of a command: {@code 2>err.log}, {@code >>out}, {@code <in}, {@code 2>&1}, {@code <<EOF}.
 *
 * @param fd     the descriptor written before the operator, or -1 for the operator's own (0 or 1)
 * @param kind   the operator
 * @param target the file, descriptor or here-document delimiter after it
 */
public record Redirection(int fd, Kind kind, Word target) {

    /** The redirection operators of POSIX sh, plus bash's here-string. */
    public enum Kind {
        INPUT("<"),
        OUTPUT(">"),
        APPEND(">>"),
        CLOBBER(">|"),
        READ_WRITE("<>"),
        DUPLICATE_INPUT("<&"),
        DUPLICATE_OUTPUT(">&"),
        HERE_DOC("<<"),
        HERE_DOC_STRIP_TABS("<<-"),
        HERE_STRING("<<<");

        private final String operator;

        Kind(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }
    }

    /**
     * Whether the shell opens {@link #target()} as a file to write: {@code > >> >| <>}, and {@code >&}
     * with a word that is not a descriptor number (bash then writes both streams to that file).
     */
    public boolean writesFile() {
        return switch (kind) {
            case OUTPUT, APPEND, CLOBBER, READ_WRITE -> true;
            case DUPLICATE_OUTPUT -> !duplicatesDescriptor();
            default -> false;
        };
    }

    /** {@code 2>&1}, {@code >&2}, {@code <&-}: a descriptor copied or closed, no file involved. */
    public boolean duplicatesDescriptor() {
        return (kind == Kind.DUPLICATE_OUTPUT || kind == Kind.DUPLICATE_INPUT)
                && target.literal()
                && target.text().matches("[0-9]+-?|-");
    }

    @Override
    public String toString() {
        return (fd >= 0 ? String.valueOf(fd) : "") + kind.operator() + target.source();
    }
}
