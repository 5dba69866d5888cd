/**
 * The library entry: {@link dev.ecrguard.Checker} (load, judge, waive) and {@link dev.ecrguard.Loaders}, the
 * registry of input families; also the floating-tag validation the constructs share.
 */
package dev.ecrguard;
