"""What rules mean: Genesys rule-set and campaign-rule conditions as constraints, what their actions set,
and rule sets compiled into predicates to preview them on contact data (`reconciler rules test`).

    clock              week-time frames (one zone, or UTC when rules of different zones meet)
    conditions         rule-set conditions -> constraint formulas
    campaign_conditions campaign-rule conditions -> formulas, and the entities rules watch and act on
    actions            what an action sets (its claim) and which claims contradict
    predicates         formulas -> fast predicates over one contact row
    preview            a rule set compiled once, evaluated on contacts: matches, winners, evidence
    contacts           reading a contacts CSV with located errors
    report             the preview as text or JSON, phone numbers masked
"""
