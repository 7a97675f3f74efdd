package dev.freeport.route.complexity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeaturesTest {
    private static double feature(String name, RequestText t) {
        return Features.of(t)[Features.NAMES.indexOf(name)];
    }

    @Test
    void vectorMatchesTheNames() {
        assertThat(Features.of(RequestText.ofUser("hi"))).hasSize(Features.NAMES.size());
    }

    @Test
    void fencedCodeIsSeen() {
        RequestText code = RequestText.ofUser("Why does this hang?\n```\nwhile (true) {\n  x++;\n}\n```");
        assertThat(feature("code_fence", code)).isEqualTo(1.0);
        assertThat(feature("code_lines_share", code)).isGreaterThan(0.3);
        assertThat(feature("code_fence", RequestText.ofUser("Why is the sky blue?"))).isEqualTo(0.0);
    }

    @Test
    void mathNotationIsCounted() {
        assertThat(feature("log_math", RequestText.ofUser("Show that \\sum_{k=1}^n k = n(n+1)/2 for n ≥ 1")))
                .isGreaterThan(0);
        assertThat(feature("log_math", RequestText.ofUser("Good morning team"))).isEqualTo(0);
    }

    @Test
    void toolsAndFunctionsAreCounted() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", "book it");
        body.putArray("tools").addObject();
        body.putArray("functions").addObject();
        RequestText t = RequestText.of(body);
        assertThat(t.tools()).isEqualTo(2);
        assertThat(feature("log_tools", t)).isEqualTo(Math.log1p(2));
    }

    @Test
    void multiPartQuestionsAreCounted() {
        RequestText t = RequestText.ofUser("1. What failed?\n2. Why?\n3. How do we stop it recurring?");
        assertThat(feature("log_list_items", t)).isEqualTo(Math.log1p(3));
        assertThat(feature("log_questions", t)).isEqualTo(Math.log1p(3));
    }
}
