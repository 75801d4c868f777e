package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** close() wakes sleepers through a condition: a slot that has come is kept, and no interrupt flag is set. */
class SlotWaitTest {

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    @Test
    void aSlotThatHasComeIsKeptAfterClose() {
        SlotWait wait = new SlotWait(System::nanoTime);
        wait.close();
        SlotWait.Woken woken = wait.sleepUntilSlot(System.nanoTime() - 2_000_000_000L, 1_000);
        assertTrue(woken.slotCame());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void closeWakesASleeperBeforeItsSlotWithoutInterruptingIt() throws Exception {
        SlotWait wait = new SlotWait(System::nanoTime);
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        CompletableFuture<SlotWait.Woken> woken = CompletableFuture.supplyAsync(() -> {
            SlotWait.Woken w = wait.sleepUntilSlot(System.nanoTime(), 60_000);
            flag.complete(Thread.currentThread().isInterrupted());
            return w;
        });
        TimeUnit.MILLISECONDS.sleep(200);
        wait.close();
        SlotWait.Woken w = woken.get(5, TimeUnit.SECONDS);
        assertFalse(w.slotCame());
        assertFalse(w.interrupted());
        assertTrue(w.leftMillis() > 50_000, "left: " + w.leftMillis());
        assertFalse(flag.get(), "close() set the sleeper's interrupt flag");
        assertFalse(wait.sleepUntilSlot(System.nanoTime(), 60_000).slotCame(), "a later sleeper returns at once");
    }

    @Test
    void theCallersInterruptEndsTheWaitAndIsReported() {
        SlotWait wait = new SlotWait(System::nanoTime);
        Thread.currentThread().interrupt();
        SlotWait.Woken woken = wait.sleepUntilSlot(System.nanoTime(), 60_000);
        assertTrue(woken.interrupted());
        assertEquals(false, woken.slotCame());
        assertFalse(Thread.currentThread().isInterrupted(), "consumed: the limiter restores it after its refund");
    }
}
