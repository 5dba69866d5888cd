/**
 * The normalized model (docs/model.md) that every loader produces and every rule reads, and the vocabulary around it
 * (values, locations, source positions).
 */
package dev.ecrguard.model;
