package io.segmentflow.deliver.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A campaign's three Mustache templates, compiled once: the subject and the plain-text part are
 * rendered as they are, the HTML part HTML-escapes every value.
 *
 * @param subject subject.mustache
 * @param text    body.txt.mustache
 * @param html    body.html.mustache
 */
record MailTemplates(Mustache subject, Mustache text, Mustache html) {
    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory();
    /** Text parts must not turn "&" into "&amp;". */
    private static final DefaultMustacheFactory PLAIN = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static MailTemplates load(String campaignId, Path dir) {
        return new MailTemplates(compile(PLAIN, campaignId, dir.resolve("subject.mustache")),
                compile(PLAIN, campaignId, dir.resolve("body.txt.mustache")),
                compile(HTML, campaignId, dir.resolve("body.html.mustache")));
    }

    /** Built-in templates from the class path (the summary mail). */
    static MailTemplates resource(String name, String subject) {
        return new MailTemplates(PLAIN.compile(new StringReader(subject), name + "-subject"),
                PLAIN.compile(name + ".txt.mustache"), HTML.compile(name + ".html.mustache"));
    }

    private static Mustache compile(DefaultMustacheFactory factory, String campaignId, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("campaign " + campaignId + ": the template " + file + " does not exist");
        }
        try {
            return factory.compile(new StringReader(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("campaign " + campaignId + ": cannot read " + file, e);
        }
    }

    static String render(Mustache template, Map<String, ?> values) {
        StringWriter out = new StringWriter();
        template.execute(out, values);
        return out.toString();
    }
}
