package dev.ecrguard.load.terraform.source;

/**
 * The work one root module's evaluation may do, shared by its modules and every expression in them: one expression
 * has a budget of its own ({@link Evaluator#STEP_BUDGET}), and this one bounds the sum, so a file of many expensive
 * expressions cannot take hours. Once it is spent, what is left to evaluate is unknown ("too complex"), never a pass.
 */
public final class EvaluationBudget {
    /** Steps one root module may take; real modules take well under a million. */
    public static final long ROOT_STEPS = 20_000_000L;

    private long left;

    /**
     * @param steps the steps it allows
     */
    public EvaluationBudget(long steps) {
        this.left = steps;
    }

    /** A budget for one root module. */
    public static EvaluationBudget forRoot() {
        return new EvaluationBudget(ROOT_STEPS);
    }

    /** Spends {@code steps}; false once the budget is spent. */
    boolean spend(int steps) {
        left -= steps;
        return left >= 0;
    }
}
