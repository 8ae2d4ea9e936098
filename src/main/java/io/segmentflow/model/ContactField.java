package io.segmentflow.model;

/** Roles of the optional text columns a customer table may carry (see {@link CustomerTable#text()}). */
public final class ContactField {
    /** The customer's e-mail address. */
    public static final String EMAIL = "email";
    /** A flag that is true (yes, y, 1, x) when the customer asked not to be mailed. */
    public static final String OPT_OUT = "opt_out";
    /** A flag that must be true for the customer to be mailed, when the schema names a consent column. */
    public static final String CONSENT = "consent";
    /** The customer's name, for greetings. */
    public static final String NAME = "name";

    private ContactField() {
    }
}
