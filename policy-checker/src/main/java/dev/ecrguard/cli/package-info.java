/**
 * The {@code ecr-guard} command line: parses arguments, runs the checker, writes reports and maps results to exit
 * codes.
 */
package dev.ecrguard.cli;
