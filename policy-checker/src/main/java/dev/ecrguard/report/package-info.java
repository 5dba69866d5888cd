/**
 * The report formats (text, JSON, SARIF, JUnit, GitHub workflow commands, Markdown) of a check's result, every line
 * made safe to print.
 */
package dev.ecrguard.report;
