package org.helixff.symmetry;

/**
 * One operation of the cyclic x helical group: rotation by 2 pi k / N + j alpha about z followed by a
 * shift j h along z. k is taken in [0, N); j is any integer (screw power).
 */
public record GroupElement(int k, int j) {
    public static final GroupElement IDENTITY = new GroupElement(0, 0);

    /** True for (0, 0), the element that moves nothing. */
    public boolean isIdentity() {
        return k == 0 && j == 0;
    }
}
