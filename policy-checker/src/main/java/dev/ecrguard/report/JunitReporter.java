package dev.ecrguard.report;

import dev.ecrguard.waivers.Result;
import dev.ecrguard.waivers.Waived;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.load.InputError;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Model.ResourceRef;
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
 * read are test cases with an error. The same resource id in two files is two test cases, each in its file's suite.
 *
 * <p>Every name and message goes through {@link SafeText#escape} before the XML writer escapes markup: that writes
 * the characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE, U+FFFF) as visible {@code \}{@code uXXXX}
 * text instead of raw, so the report stays well-formed, and it also escapes tab, CR and LF (which XML allows but
 * attribute normalization would silently turn into spaces), C1 controls and bidi controls, as in every other format.
 */
public final class JunitReporter {
    private JunitReporter() {}

    private record Case(String name, String className, String failureType, String message, boolean skipped) {}

    public static void write(Report report, PrintWriter out) {
        Map<String, List<Case>> suites = new LinkedHashMap<>();
        Result result = report.result();
        Map<ResourceRef, List<Case>> casesByResource = new LinkedHashMap<>();
        resources(result.inputs().model).forEach(r -> casesByResource.put(r, new ArrayList<>()));
        for (Finding f : result.findings()) {
            ResourceRef key = new ResourceRef(fileOf(f.file()), f.resource());
            casesByResource.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Case(f.ruleId() + " " + f.resource(), key.file(), f.severity().label(), f.message(), false));
        }
        for (Waived w : result.waived()) {
            Finding f = w.finding();
            ResourceRef key = new ResourceRef(fileOf(f.file()), f.resource());
            casesByResource.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Case(f.ruleId() + " " + f.resource(), key.file(), null, "waived: " + w.reason(), true));
        }
        casesByResource.forEach((resource, cases) -> {
            List<Case> suite = suites.computeIfAbsent(resource.file(), k -> new ArrayList<>());
            if (cases.isEmpty()) {
                suite.add(new Case(resource.id(), resource.file(), null, null, false));
            } else {
                suite.addAll(cases);
            }
        });
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
        xml.writeAttribute("name", SafeText.escape(name));
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
            xml.writeAttribute("name", SafeText.escape(c.name()));
            xml.writeAttribute("classname", SafeText.escape(c.className()));
            if (empty) {
                continue;
            }
            if (c.skipped()) {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", SafeText.escape(c.message()));
            } else {
                xml.writeStartElement(c.failureType().equals("input-error") ? "error" : "failure");
                xml.writeAttribute("type", c.failureType());
                xml.writeAttribute("message", SafeText.escape(c.message()));
                xml.writeCharacters(SafeText.escape(c.message()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** Every checked resource with its file ("-" when it has none), in model order. */
    private static List<ResourceRef> resources(Model model) {
        List<ResourceRef> all = new ArrayList<>();
        model.repositories.forEach(r -> all.add(ref(r.id(), r.location())));
        model.creationTemplates.forEach(t -> all.add(ref(t.id(), t.location())));
        model.registryScanning.forEach(s -> all.add(ref(s.id(), s.location())));
        model.workloads.forEach(w -> all.add(ref(w.id(), w.location())));
        return all;
    }

    private static ResourceRef ref(String id, Location location) {
        ResourceRef ref = ResourceRef.of(id, location);
        return new ResourceRef(fileOf(ref.file()), id);
    }

    private static String fileOf(String file) {
        return file == null ? "-" : file;
    }
}
