package org.redteam.replay;

import java.util.List;

/** The store's attempts as attacks: what an admin's replay run is made of (a suite made from the store by filter). */
public interface AttackSelection {

    /** The attacks of the store's submitted attempts that pass {@code filter}, in attempt order. */
    List<Attack> select(AttackFilter filter);
}
