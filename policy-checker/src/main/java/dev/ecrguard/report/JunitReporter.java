package dev.ecrguard.report;

import dev.ecrguard.Checker;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.InputError;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, for CI test tabs: a test suite per input file, a test case per checked resource when it has no
 * finding, and one per finding (a failure) or waived finding (skipped, with the reason). Inputs that could not be
 * read are test cases with an error.
 */
public final class JunitReporter {
    private JunitReporter() {}

    private record Case(String name, String className, String failureType, String message, boolean skipped) {}

    public static void write(Report report, PrintWriter out) {
        Map<String, List<Case>> suites = new LinkedHashMap<>();
        Checker.Result result = report.result();
        for (Map.Entry<String, Location> resource : resources(result.inputs().model).entrySet()) {
            String id = resource.getKey();
            String file = fileOf(resource.getValue());
            List<Case> cases = suites.computeIfAbsent(file, k -> new ArrayList<>());
            boolean clean = true;
            for (Finding f : result.findings()) {
                if (f.resource().equals(id)) {
                    cases.add(new Case(f.ruleId() + " " + id, file, f.severity(), f.message(), false));
                    clean = false;
                }
            }
            for (Checker.Waived w : result.waived()) {
                if (w.finding().resource().equals(id)) {
                    cases.add(new Case(w.finding().ruleId() + " " + id, file, null, "waived: " + w.reason(), true));
                    clean = false;
                }
            }
            if (clean) {
                cases.add(new Case(id, file, null, null, false));
            }
        }
        for (InputError e : result.inputs().errors) {
            suites.computeIfAbsent("inputs", k -> new ArrayList<>())
                    .add(new Case(e.file(), "inputs", "input-error", e.oneLine(), false));
        }
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "ecr-guard");
            xml.writeAttribute("tests", Integer.toString(suites.values().stream().mapToInt(List::size).sum()));
            xml.writeAttribute("failures", Integer.toString(result.findings().size()));
            xml.writeAttribute("errors", Integer.toString(result.inputs().errors.size()));
            for (Map.Entry<String, List<Case>> suite : suites.entrySet()) {
                writeSuite(xml, suite.getKey(), suite.getValue());
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            out.println();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeSuite(XMLStreamWriter xml, String name, List<Case> cases) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", Integer.toString(cases.size()));
        xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failureType() != null
                && !c.failureType().equals("input-error")).count()));
        xml.writeAttribute("errors", Long.toString(cases.stream().filter(c -> "input-error".equals(c.failureType()))
                .count()));
        xml.writeAttribute("skipped", Long.toString(cases.stream().filter(Case::skipped).count()));
        for (Case c : cases) {
            xml.writeCharacters("\n    ");
            boolean empty = c.failureType() == null && !c.skipped();
            if (empty) {
                xml.writeEmptyElement("testcase");
            } else {
                xml.writeStartElement("testcase");
            }
            xml.writeAttribute("name", c.name());
            xml.writeAttribute("classname", c.className());
            if (empty) {
                continue;
            }
            if (c.skipped()) {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", c.message());
            } else {
                xml.writeStartElement(c.failureType().equals("input-error") ? "error" : "failure");
                xml.writeAttribute("type", c.failureType());
                xml.writeAttribute("message", c.message());
                xml.writeCharacters(c.message());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** Every checked resource with its location, in model order. */
    private static Map<String, Location> resources(Model model) {
        Map<String, Location> all = new LinkedHashMap<>();
        model.repositories.forEach(r -> all.put(r.id(), r.location()));
        model.creationTemplates.forEach(t -> all.put(t.id(), t.location()));
        model.registryScanning.forEach(s -> all.put(s.id(), s.location()));
        model.workloads.forEach(w -> all.put(w.id(), w.location()));
        return all;
    }

    private static String fileOf(Location location) {
        return location == null || location.file() == null ? "-" : location.file();
    }
}
