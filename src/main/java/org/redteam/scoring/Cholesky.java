package org.redteam.scoring;

/** Solves A x = b for symmetric positive definite A given by its lower triangle (overwritten). */
final class Cholesky {

    private Cholesky() {
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double[] rowJ = a[j];
            double diag = rowJ[j];
            for (int k = 0; k < j; k++) {
                diag -= rowJ[k] * rowJ[k];
            }
            if (diag <= 0) {
                throw new IllegalStateException("matrix is not positive definite at column " + j);
            }
            double l = Math.sqrt(diag);
            rowJ[j] = l;
            for (int i = j + 1; i < n; i++) {
                double[] rowI = a[i];
                double s = rowI[j];
                for (int k = 0; k < j; k++) {
                    s -= rowI[k] * rowJ[k];
                }
                rowI[j] = s / l;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i][k] * y[k];
            }
            y[i] = s / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k][i] * x[k];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
