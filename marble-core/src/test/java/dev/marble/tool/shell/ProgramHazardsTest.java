package dev.marble.tool.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.Tool;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Decision;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hazards table through the real policy: under an allow rule for the program ({@code run_command(PROGRAM *)}
 * and {@code run_command(PROGRAM)}), its ordinary uses run and its ways to run other code or to write
 * outside the workspace are asked about.
 */
class ProgramHazardsTest {

    private static final Tool RUN_COMMAND = BuiltinToolsets.shell().tools().getFirst();

    @TempDir
    Path workspace;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            git     | git status --short                          | ALLOW
            git     | git log --oneline -5                        | ALLOW
            git     | git -C sub status                           | ALLOW
            git     | git config --get user.name                  | ALLOW
            git     | git commit -m 'a -c b' --template=t.txt     | ALLOW
            git     | git config user.name x                      | ASK
            git     | git -c color.ui=never status                | ASK
            git     | git -ccolor.ui=never status                 | ASK
            git     | git -C /tmp status                          | ASK
            git     | git --work-tree=.. status                   | ASK
            git     | git --exec-path=/tmp status                 | ASK
            git     | git push --receive-pack=x origin            | ASK
            git     | git fetch --upload-pack=x origin            | ASK
            git     | git bisect run make                         | ASK
            git     | git difftool                                | ASK
            git     | git grep -Ovim x                            | ASK
            git     | git archive -o /tmp/a.tar HEAD              | ASK
            git     | git clone https://example.invalid/r /tmp/r  | ASK
            git     | git worktree add ../w                       | ASK
            find    | find . -name '*.java'                       | ALLOW
            find    | find . -exec rm {} ;                        | ASK
            find    | find . -execdir sh -c x ;                   | ASK
            find    | find . -delete                              | ASK
            find    | find . -fprint /tmp/x                       | ASK
            tar     | tar -xzf a.tgz                              | ALLOW
            tar     | tar xzf a.tgz                               | ALLOW
            tar     | tar -xf a.tar -C sub                        | ALLOW
            tar     | tar -xf a.tar -C /tmp                       | ASK
            tar     | tar -xf a.tar --to-command=sh               | ASK
            tar     | tar -cf a.tar --checkpoint-action=exec=x .  | ASK
            tar     | tar -cI 'sh -c x' -f a.tar .                | ASK
            tar     | tar -xPf a.tar                              | ASK
            sed     | sed -n 's/a/b/gp' file                      | ALLOW
            sed     | sed -i 's/a/b/' file                        | ALLOW
            sed     | sed -e '1d' -e '$a end' file                | ALLOW
            sed     | sed -i 's/a/b/' /etc/hosts                  | ASK
            sed     | sed 's/a/touch x/e' file                    | ASK
            sed     | sed '1e touch x' file                       | ASK
            sed     | sed 'w /tmp/x' file                         | ASK
            sed     | sed -f script.sed file                      | ASK
            awk     | awk '{print $1}' file                       | ALLOW
            awk     | awk -F: '$3 > 5 {n++} END {print n}' f      | ALLOW
            awk     | awk 'BEGIN{system("touch x")}'              | ASK
            awk     | ^awk '{print | "sh"}' f^                    | ASK
            awk     | awk '{print > "/tmp/x"}' f                  | ASK
            awk     | awk -f prog.awk f                           | ASK
            npm     | npm ls                                      | ALLOW
            npm     | npm --version                               | ALLOW
            npm     | npm ci --ignore-scripts                     | ALLOW
            npm     | npm install                                 | ASK
            npm     | npm test                                    | ASK
            npm     | npm run build                               | ASK
            npm     | npm exec x                                  | ASK
            yarn    | yarn --frozen-lockfile                      | ASK
            npx     | npx cowsay                                  | ASK
            pip     | pip list                                    | ALLOW
            pip     | pip install requests                        | ASK
            pip3    | pip3 download x                             | ASK
            python3 | python3 script.py                           | ALLOW
            python3 | python3 -m pytest -q                        | ALLOW
            python3 | python3 -c 'import os'                      | ASK
            python3 | python3 -Bc 'import os'                     | ASK
            python3 | python3 -m pip install x                    | ASK
            node    | node app.js                                 | ALLOW
            node    | node -e 'x'                                 | ASK
            node    | node --eval=x                               | ASK
            perl    | perl -pi -e 's/a/b/' f                      | ASK
            ruby    | ruby -e x                                   | ASK
            sh      | sh -c 'touch x'                             | ASK
            bash    | bash script.sh                              | ASK
            bash    | bash --version                              | ALLOW
            env     | env                                         | ALLOW
            env     | env touch x                                 | ASK
            env     | env PATH=. ls                               | ASK
            env     | env -S 'touch x'                            | ASK
            xargs   | xargs touch                                 | ASK
            eval    | eval ls                                     | ASK
            rm      | rm -rf build                                | ALLOW
            rm      | rm -rf ../x                                 | ASK
            rm      | rm -rf /tmp/x                               | ASK
            rm      | rm -rf ~                                    | ASK
            rm      | rm *.o                                      | ASK
            touch   | touch a b c                                 | ALLOW
            touch   | touch /tmp/x                                | ASK
            mkdir   | mkdir -p a/b                                | ALLOW
            chmod   | chmod 755 run.sh                            | ALLOW
            chmod   | chmod -R 777 /                              | ASK
            ln      | ln -s /etc e                                | ASK
            ln      | ln -s a b                                   | ALLOW
            mv      | mv a b                                      | ALLOW
            mv      | mv /etc/x a                                 | ASK
            cp      | cp /etc/hosts hosts                         | ALLOW
            cp      | cp a /tmp/                                  | ASK
            cp      | cp -t /tmp a                                | ASK
            tee     | tee out.log                                 | ALLOW
            tee     | tee /tmp/out.log                            | ASK
            dd      | dd if=a of=b                                | ALLOW
            dd      | dd if=a of=/tmp/b                           | ASK
            curl    | curl -sSo page.html https://example.invalid | ALLOW
            curl    | curl -o /tmp/x https://example.invalid      | ASK
            curl    | curl -K cfg https://example.invalid         | ASK
            wget    | wget -O /tmp/x https://example.invalid      | ASK
            cd      | cd sub                                      | ALLOW
            cd      | cd /tmp                                     | ASK
            cd      | cd -                                        | ASK
            cd      | cd ..                                       | ASK
            ssh     | ssh -o ProxyCommand=x host                  | ASK
            rsync   | rsync -a src/ dst/                          | ALLOW
            rsync   | rsync -e 'sh -c x' a b:c                    | ASK
            vim     | vim -c '!touch x' f                         | ASK
            make    | make test                                   | ALLOW
            make    | make --eval='x:'                            | ASK
            sudo    | sudo ls                                     | BLOCK
            nohup   | nohup touch x                               | ASK
            """)
    void underAnAllowRuleForTheProgram(String program, String command, Decision expected) {
        ApprovalPolicy policy = new ApprovalPolicy(
                List.of(
                        ApprovalRule.parse(Decision.ALLOW, "run_command(" + program + " *)", null),
                        ApprovalRule.parse(Decision.ALLOW, "run_command(" + program + ")", null)),
                false);
        var decision = policy.decide(RUN_COMMAND, ShellSecurityTest.command(command), workspace);
        assertThat(decision.decision()).as(decision.reason()).isEqualTo(expected);
    }

    /** After a cd a path must be inside from every directory the command may then be in (the cd may fail). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cd sub && touch x                 | ALLOW
            cd sub && touch ../../x           | ASK
            cd sub && ls > out.txt            | ALLOW
            cd sub; ls > ../out.txt           | ASK
            cd sub; ls > ../../out.txt        | ASK
            """)
    void aChangeOfDirectoryIsFollowed(String command, Decision expected) throws Exception {
        Files.createDirectories(workspace.resolve("sub"));
        ApprovalPolicy policy = new ApprovalPolicy(
                List.of(
                        ApprovalRule.parse(Decision.ALLOW, "run_command(cd *)", null),
                        ApprovalRule.parse(Decision.ALLOW, "run_command(touch *)", null),
                        ApprovalRule.parse(Decision.ALLOW, "run_command(ls)", null)),
                false);
        var decision = policy.decide(RUN_COMMAND, ShellSecurityTest.command(command), workspace);
        assertThat(decision.decision()).as(decision.reason()).isEqualTo(expected);
    }
}
