package dev.marble.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's help looks, set in one place for the whole command tree so that a new command gets it too:
 * {@code -h}/{@code --help}, an 80-column layout, the summary and description, the arguments, the options grouped
 * ({@link OptionGroup}), the command's examples (its {@code footer}) and the exit codes ({@link ExitCode}).
 */
final class HelpLayout {

    static final int WIDTH = 80;
    static final String EXAMPLES_HEADING = "%nExamples:%n";

    private static final List<String> SECTIONS = List.of(
            UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING,
            UsageMessageSpec.SECTION_KEY_SYNOPSIS,
            UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING,
            UsageMessageSpec.SECTION_KEY_DESCRIPTION,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
            UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_FOOTER_HEADING,
            UsageMessageSpec.SECTION_KEY_FOOTER,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);

    private HelpLayout() {}

    /** Applies the layout to {@code command} and every command under it. */
    static void apply(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .type(boolean.class)
                    .description("Show this help and exit.")
                    .build());
        }
        UsageMessageSpec usage = spec.usageMessage();
        usage.width(WIDTH)
                .autoWidth(false)
                .sortOptions(false)
                .abbreviateSynopsis(true)
                .parameterListHeading("%nArguments:%n")
                .commandListHeading("%nCommands:%n")
                .footerHeading(EXAMPLES_HEADING)
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList())
                .sectionKeys(SECTIONS);
        usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::groupedOptions);
        command.getSubcommands().values().forEach(HelpLayout::apply);
    }

    /** The options under their group's heading, groups in {@link OptionGroup}'s order, options as declared. */
    private static String groupedOptions(Help help) {
        Map<OptionGroup, List<OptionSpec>> groups = new EnumMap<>(OptionGroup.class);
        for (OptionSpec option : help.commandSpec().options()) {
            if (!option.hidden())
                groups.computeIfAbsent(OptionGroup.of(option), g -> new ArrayList<>())
                        .add(option);
        }
        StringBuilder text = new StringBuilder();
        groups.forEach((group, options) -> text.append(help.createHeading("%n" + group.heading() + ":%n"))
                .append(help.optionListExcludingGroups(options)));
        return text.toString();
    }

    /**
     * The example command lines of a command's help (its footer), each on one line, without the comment after it:
     * lines that start with {@code marble}, pipe into it or source its output; a line ending in a backslash continues
     * on the next.
     */
    static List<String> examples(CommandSpec spec) {
        List<String> examples = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : spec.usageMessage().footer()) {
            pending.append(pending.isEmpty() ? "" : " ").append(line.strip());
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                pending.setLength(pending.toString().stripTrailing().length());
                continue;
            }
            String command = pending.toString();
            pending.setLength(0);
            int comment = command.indexOf("  #");
            if (comment >= 0) command = command.substring(0, comment).strip();
            if (command.startsWith("marble ") || command.contains("| marble ") || command.contains("<(marble ")) {
                examples.add(command);
            }
        }
        return examples;
    }
}
