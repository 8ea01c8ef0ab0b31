package se.accounts.model;

/** What a permission allows on a content type: {@code <app>.<model>.<action>}. */
public enum Action {
    VIEW, ADD, CHANGE, DELETE, INVITE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
