package org.ketaplan.facts;

/** Rating scales the service understands, with the score range the contract allows. */
public enum Instrument {
    PHQ9(0, 27),
    PHQ9_ITEM9(0, 3),
    MADRS(0, 60),
    QIDS_SR16(0, 27),
    PCL5(0, 80),
    CAPS5(0, 80),
    YMRS(0, 60),
    CADSS(0, 92);

    private final int min;
    private final int max;

    Instrument(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
