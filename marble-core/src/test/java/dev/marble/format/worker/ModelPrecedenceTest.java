package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model choice table. llm-do's tests (test_model_compat.py, test_model_resolution.py) checked the
 * same sources; where llm-do's code differed from its documented order, the intended order is kept
 * (see docs/agents-in-files.md): -m wins for the entry worker only, LLM_DO_MODEL is a default, not an override.
 */
class ModelPrecedenceTest {

    @ParameterizedTest(name = "-m={0} worker={1} LLM_DO_MODEL={2} MARBLE_MODEL={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # -m   | worker | LLM_DO_MODEL | MARBLE_MODEL | model | source
            c      | w      | e            | m            | c     | -m
            -      | w      | e            | m            | w     | the worker's model
            -      | -      | e            | m            | e     | LLM_DO_MODEL
            -      | -      | -            | m            | m     | MARBLE_MODEL
            -      | -      | -            | -            | -     | -
            c      | -      | -            | -            | c     | -m
            ' '    | w      | -            | -            | w     | the worker's model
            -      | ' '    | ' '          | m            | m     | MARBLE_MODEL
            """)
    void entryWorker(String flag, String worker, String llmDo, String marble, String model, String source) {
        Map<String, String> environment = new HashMap<>();
        if (llmDo != null) environment.put("LLM_DO_MODEL", llmDo);
        if (marble != null) environment.put("MARBLE_MODEL", marble);
        var choice = ModelPrecedence.forEntry(flag, worker, environment);
        if (model == null) {
            assertThat(choice).isEmpty();
        } else {
            assertThat(choice).contains(new ModelPrecedence.Choice(model, source));
        }
    }

    @ParameterizedTest(name = "worker={0} entry={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            worker-model | cli-model | worker-model | the worker's model
            -            | cli-model | cli-model    | the entry worker's model
            """)
    void nestedWorker(String worker, String entry, String model, String source) {
        assertThat(ModelPrecedence.forNested(worker, entry)).isEqualTo(new ModelPrecedence.Choice(model, source));
    }
}
